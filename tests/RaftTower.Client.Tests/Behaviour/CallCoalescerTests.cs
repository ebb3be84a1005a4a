using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RaftTower.Client.Internal;
using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;
using Result = RaftTower.Protocol.V1.Result;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>
/// Coalescing of concurrent calls into Tower/ExecuteBatch (issue 6). The fake node holds answers, so which calls are
/// in flight and which are queued is decided by the test, never by timing.
/// </summary>
public sealed class CallCoalescerTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private FakeNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _node.Execute = (request, _) => Task.FromResult(NodeAnswer.Reply(AnswerWithNumberOf(request.Int.Key)));
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task One_call_alone_goes_as_its_own_execute()
    {
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous });

        Assert.Equal(7, await client.AddIntAsync("k7", 1));
        Assert.Equal(3, await client.GetIntAsync("k3"));

        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("Execute", 1)], _node.Calls);
    }

    [Fact]
    public async Task Calls_queued_behind_a_held_call_go_together_as_one_execute_batch_each_with_its_own_result_in_order()
    {
        var batchSizes = new ConcurrentQueue<int>();
        using var listener = ListenToBatchSizes(batchSizes);
        await using var client = Client(maxInFlight: 1);
        var (first, queued) = await QueueBehindAHeldCallAsync(client, i => client.AddIntAsync($"k{i}", 1), 5);

        var results = await Task.WhenAll(queued);

        Assert.Equal(0, await first);
        Assert.Equal([1L, 2, 3, 4, 5], results);
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("ExecuteBatch", 5)], _node.Calls);
        var received = _node.Received.ToArray();
        Assert.Equal(["k0", "k1", "k2", "k3", "k4", "k5"], received.Select(r => r.Int.Key));
        Assert.Equal([1UL, 2, 3, 4, 5, 6], received.Select(r => r.Header.Sequence));
        Assert.All(received, r => Assert.Equal(client.ClientId, r.Header.ClientId));
        Assert.Contains(5, batchSizes);
    }

    [Fact]
    public async Task Queued_operations_beyond_four_mebibytes_wait_for_the_next_call()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse()));
        await using var client = Client(maxInFlight: 1);
        var value = new byte[1536 * 1024];
        var (first, queued) = await QueueBehindAHeldCallAsync(client, async i =>
        {
            await client.SetBinaryAsync($"k{i}", value);
            return i;
        }, 3);

        await Task.WhenAll(queued);

        await first;
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("ExecuteBatch", 2), new TowerCall("Execute", 1)], _node.Calls);
        Assert.Equal(["k0", "k1", "k2", "k3"], _node.Received.Select(r => r.Binary.Key));
    }

    [Fact]
    public async Task Not_leader_for_one_operation_in_a_batch_redirects_only_that_operation_with_its_same_header()
    {
        var leader = await FakeNode.StartAsync();
        await using var _ = leader;
        leader.Execute = (request, _) => Task.FromResult(NodeAnswer.Reply(AnswerWithNumberOf(request.Int.Key)));
        _node.Execute = (request, _) => Task.FromResult(NodeAnswer.Reply(request.Int.Key == "k2"
            ? new ExecuteResponse { Error = new Error { Code = ErrorCode.NotLeader, LeaderHint = leader.Address, Term = 4 } }
            : AnswerWithNumberOf(request.Int.Key)));
        await using var client = Client(maxInFlight: 1);
        var (first, queued) = await QueueBehindAHeldCallAsync(client, i => client.AddIntAsync($"k{i}", 1), 3);

        var results = await Task.WhenAll(queued);
        Assert.Equal([1L, 2, 3], results);

        await first;
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("ExecuteBatch", 3)], _node.Calls);
        var redirected = Assert.Single(leader.Received);
        Assert.Equal(_node.Received.Single(r => r.Int.Key == "k2"), redirected);
        Assert.Equal(3UL, redirected.Header.Sequence);
        Assert.Equal([new TowerCall("Execute", 1)], leader.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failed_batch_call_retries_each_operation_with_its_same_sequence(bool dropConnection)
    {
        var batches = 0;
        _node.ExecuteBatch = (batch, _) => Task.FromResult(Interlocked.Increment(ref batches) == 1
            ? dropConnection ? NodeAnswer.Drop<ExecuteBatchResponse>() : NodeAnswer.Fail<ExecuteBatchResponse>(GrpcStatusCode.Unavailable)
            : NodeAnswer.Reply(AnswerEach(batch)));
        await using var client = Client(maxInFlight: 1);
        var (first, queued) = await QueueBehindAHeldCallAsync(client, i => client.AddIntAsync($"k{i}", 1), 3);

        var results = await Task.WhenAll(queued);
        Assert.Equal([1L, 2, 3], results);

        await first;
        Assert.Equal(new TowerCall("ExecuteBatch", 3), _node.Calls.ElementAt(1));
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            var attempts = _node.Received.Where(r => r.Int.Key == key).ToArray();
            Assert.Equal(2, attempts.Length);
            Assert.Equal(attempts[0], attempts[1]);
        }
    }

    [Fact]
    public async Task Hundreds_of_concurrent_calls_each_get_their_own_answer_whichever_way_they_went()
    {
        _node.Execute = async (request, _) =>
        {
            await Task.Yield();
            return NodeAnswer.Reply(AnswerWithNumberOf(request.Int.Key));
        };
        await using var client = Client(maxInFlight: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(async i => i % 2 == 0 ? await client.AddIntAsync($"k{i}", 1) : await client.GetIntAsync($"k{i}")));

        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long?)i), results);
        Assert.Equal(400, _node.Calls.Sum(c => c.Operations));
        Assert.Equal(400, _node.Received.Select(r => r.Int.Key).Distinct().Count());
        Assert.Equal(200, _node.Received.Where(r => r.Header is not null).Select(r => r.Header.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Operation_cancelled_while_queued_is_never_sent_and_throws_operation_canceled()
    {
        await using var client = Client(maxInFlight: 1);
        using var cancel = new CancellationTokenSource();
        var hold = _node.Hold();
        var first = client.GetIntAsync("k0");
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var cancelled = client.GetIntAsync("k1", cancel.Token);
        var kept = client.GetIntAsync("k2");
        Assert.Equal(2, client.QueuedCalls(_node.Endpoint));

        await cancel.CancelAsync();

        // Answered while the held call is still out: the caller does not wait for a slot to be told.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, client.QueuedCalls(_node.Endpoint));
        _node.StopHolding();
        hold.Release();
        Assert.Equal(0, await first);
        Assert.Equal(2, await kept);
        Assert.DoesNotContain(_node.Received, r => r.Int.Key == "k1");
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("Execute", 1)], _node.Calls);
    }

    [Fact]
    public async Task Operation_whose_own_deadline_passes_while_queued_is_failed_by_the_sweep_never_sent()
    {
        // Through TowerClient every attempt of one client has the same limit, so the call ahead always times out first
        // and frees a slot; the coalescer takes a limit per attempt, which lets a queued attempt expire while the call
        // ahead is still out: only the sweep timer can answer it then. Its 200 ms only decide when, not what.
        using var channel = new GrpcChannel();
        using var coalescer = new CallCoalescer(channel, _node.Endpoint, maxInFlight: 1, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var hold = _node.Hold();
        var first = coalescer.ExecuteAsync(GetInt("k0"), Generous, readConfirmer: null, CancellationToken.None);
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var expiring = coalescer.ExecuteAsync(GetInt("k1"), TimeSpan.FromMilliseconds(200), readConfirmer: null, CancellationToken.None);
        var kept = coalescer.ExecuteAsync(GetInt("k2"), Generous, readConfirmer: null, CancellationToken.None);
        Assert.Equal(2, coalescer.QueuedCalls);

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => expiring.WaitAsync(Generous));
        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.Status);
        Assert.False(error.MayHaveReachedServer);
        Assert.Contains("never sent", error.Message, StringComparison.Ordinal);
        Assert.False(first.IsCompleted); // answered by the sweep, not by a slot freed ahead of it
        Assert.Equal(1, coalescer.QueuedCalls);

        _node.StopHolding();
        hold.Release();
        Assert.Equal(0, (await first).Result.Int);
        Assert.Equal(2, (await kept).Result.Int);
        Assert.DoesNotContain(_node.Received, r => r.Int.Key == "k1");
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("Execute", 1)], _node.Calls);
    }

    private static ExecuteRequest GetInt(string key) => new() { Int = new IntOp { Op = IntOpCode.Get, Key = key } };

    [Fact]
    public async Task Write_whose_deadline_passes_while_its_batch_is_out_fails_like_its_own_call_would()
    {
        // The deadline only has to outlast the hand-over of a slot on this machine; it does not decide the outcome.
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = [_node.Address],
            RequestTimeout = TimeSpan.FromSeconds(3),
            MaxCallsInFlightPerNode = 1,
        });
        var hold = _node.Hold();
        var first = client.GetIntAsync("k0");
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var write = client.AddIntAsync("k1", 1);
        var read = client.GetIntAsync("k2");
        Assert.Equal(2, client.QueuedCalls(_node.Endpoint));
        var batchHold = _node.Hold();

        hold.Release();

        Assert.Equal(0, await first);
        await _node.WhenCallsArrived(2).WaitAsync(Generous);
        var writeError = await Assert.ThrowsAsync<TowerConnectionException>(() => write);
        var readError = await Assert.ThrowsAsync<TowerConnectionException>(() => read);
        batchHold.Release();
        Assert.Equal(new TowerCall("ExecuteBatch", 2), _node.Calls.ElementAt(1));
        Assert.Equal(TowerErrorCode.Indeterminate, writeError.Code);
        Assert.True(writeError.MayHaveBeenApplied);
        Assert.Equal(1UL, writeError.Diagnostics!.Sequence);
        Assert.Equal(TowerErrorCode.Unavailable, readError.Code);
        Assert.False(readError.MayHaveBeenApplied);
    }

    [Fact]
    public async Task Node_without_execute_batch_gets_each_queued_operation_as_its_own_execute()
    {
        _node.ExecuteBatch = (_, _) => Task.FromResult(NodeAnswer.Fail<ExecuteBatchResponse>(GrpcStatusCode.Unimplemented));
        await using var client = Client(maxInFlight: 1);
        var (first, queued) = await QueueBehindAHeldCallAsync(client, i => client.AddIntAsync($"k{i}", 1), 3);

        var results = await Task.WhenAll(queued);
        Assert.Equal([1L, 2, 3], results);

        await first;
        var calls = _node.Calls.ToArray();
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("ExecuteBatch", 3)], calls[..2]);
        Assert.Equal([new TowerCall("Execute", 1), new TowerCall("Execute", 1), new TowerCall("Execute", 1)], calls[2..]);
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            var attempts = _node.Received.Where(r => r.Int.Key == key).ToArray();
            Assert.Equal(attempts[0], attempts[1]);
        }
    }

    [Fact]
    public async Task Coalescing_off_never_uses_execute_batch()
    {
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = [_node.Address],
            RequestTimeout = Generous,
            CoalesceCalls = false,
            MaxCallsInFlightPerNode = 1,
        });
        var hold = _node.Hold();
        var first = client.GetIntAsync("k0");
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var others = Enumerable.Range(1, 5).Select(i => client.GetIntAsync($"k{i}")).ToArray();
        await _node.WhenCallsArrived(6).WaitAsync(Generous);
        Assert.Equal(0, client.QueuedCalls(_node.Endpoint));

        _node.StopHolding();
        hold.Release();

        var results = await Task.WhenAll(others);
        Assert.Equal([1L, 2, 3, 4, 5], results);
        Assert.Equal(0, await first);
        Assert.All(_node.Calls, c => Assert.Equal(new TowerCall("Execute", 1), c));
    }

    [Fact]
    public async Task Queued_operations_fail_with_object_disposed_when_the_client_is_disposed()
    {
        var client = Client(maxInFlight: 1);
        var hold = _node.Hold();
        var first = client.GetIntAsync("k0");
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var queued = client.SetIntAsync("k1", 1);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        hold.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.DoesNotContain(_node.Received, r => r.Int.Key == "k1");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Max_calls_in_flight_below_one_is_refused(int value)
    {
        var error = Assert.Throws<ArgumentException>(() => new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], MaxCallsInFlightPerNode = value }));

        Assert.Contains("MaxCallsInFlightPerNode", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers an Int operation on "k{n}" with n.</summary>
    private static ExecuteResponse AnswerWithNumberOf(string key) =>
        new() { Result = new Result { Int = long.Parse(key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) } };

    private static ExecuteBatchResponse AnswerEach(ExecuteBatchRequest batch)
    {
        var response = new ExecuteBatchResponse();
        response.Responses.AddRange(batch.Requests.Select(r => AnswerWithNumberOf(r.Int.Key)));
        return response;
    }

    private static MeterListener ListenToBatchSizes(ConcurrentQueue<int> sizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TowerClient.MeterName && instrument.Name == "rafttower.client.batch.size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Enqueue(value));
        listener.Start();
        return listener;
    }

    private TowerClient Client(int maxInFlight) => new(new TowerClientOptions
    {
        Endpoints = [_node.Address],
        RequestTimeout = Generous,
        MaxCallsInFlightPerNode = maxInFlight,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    });

    /// <summary>
    /// Sends k0 and holds it at the node, then starts <paramref name="count"/> calls that must queue behind it (the
    /// client's only slot is taken), then lets the node answer everything.
    /// </summary>
    private async Task<(Task<long> First, Task<long>[] Queued)> QueueBehindAHeldCallAsync(TowerClient client, Func<int, Task<long>> call, int count)
    {
        var hold = _node.Hold();
        var first = call(0);
        await _node.WhenCallsArrived(1).WaitAsync(Generous);
        var queued = Enumerable.Range(1, count).Select(call).ToArray();
        Assert.Equal(count, client.QueuedCalls(_node.Endpoint));
        _node.StopHolding();
        hold.Release();
        return (first, queued);
    }
}
