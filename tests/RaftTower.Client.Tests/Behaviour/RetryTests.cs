using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>Retries: refused connections, lost answers, UNAVAILABLE, and what a call without a definite answer reports.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Refused_connection_is_retried_on_the_next_endpoint()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = 1 } }));
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [ClosedPort.Endpoint(), _node.Address], RequestTimeout = Generous });

        var value = await client.IncIntAsync("k");

        Assert.Equal(1, value);
        var request = Assert.Single(_node.Received);
        Assert.Equal(1UL, request.Header.Sequence);
    }

    [Fact]
    public async Task Every_endpoint_refusing_is_unavailable_and_certainly_not_applied()
    {
        var closed = ClosedPort.Endpoint();
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = [closed, ClosedPort.Endpoint()],
            RequestTimeout = Generous,
            MaxAttempts = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.SetStringAsync("k", "v"));

        Assert.Equal(TowerErrorCode.Unavailable, error.Code);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Equal(4, error.Diagnostics!.Attempts);
        Assert.Contains("attempts=4", error.Message, StringComparison.Ordinal);
        Assert.Contains("SetStringAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_connection_after_the_request_arrived_is_retried_with_the_same_header()
    {
        var calls = 0;
        _node.Execute = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? NodeAnswer.Drop<ExecuteResponse>()
            : NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = 10 } }));
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous });

        var value = await client.AddIntAsync("k", 10);

        Assert.Equal(10, value);
        var attempts = _node.Received.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal(attempts[0], attempts[1]);
    }

    [Fact]
    public async Task Unavailable_answer_is_retried_until_the_cluster_has_a_leader()
    {
        var calls = 0;
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(Interlocked.Increment(ref calls) <= 2
            ? new ExecuteResponse { Error = new Error { Code = ErrorCode.Unavailable, Message = "election in progress", Term = 3 } }
            : new ExecuteResponse { Result = new Result { Bool = true } }));
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        Assert.True(await client.DeleteAsync("k"));

        var attempts = _node.Received.ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Header, a.Header));
    }

    [Fact]
    public async Task Write_without_an_answer_by_the_deadline_is_indeterminate_with_diagnostics()
    {
        await using var client = await ClientWithOpenConnectionThenSilentNodeAsync();

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.AddIntAsync("counter", 1));

        Assert.Equal(TowerErrorCode.Indeterminate, error.Code);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Equal(_node.Endpoint, error.Diagnostics!.Endpoint);
        Assert.Contains($"endpoint={_node.Endpoint}", error.Message, StringComparison.Ordinal);
        Assert.Contains("elapsed=", error.Message, StringComparison.Ordinal);
        Assert.Contains("key=counter", error.Message, StringComparison.Ordinal);
        Assert.Contains("may or may not have been applied", error.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, error.Diagnostics.Sequence);
        Assert.Equal(2, _node.Received.Count);
    }

    /// <summary>
    /// A client with a 300 ms deadline whose connection to the node is already open (one answered read), so the
    /// deadline covers only the node's silence that follows, not a slow machine's connection setup.
    /// </summary>
    private async Task<TowerClient> ClientWithOpenConnectionThenSilentNodeAsync()
    {
        var calls = 0;
        _node.Execute = async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return NodeAnswer.Reply(new ExecuteResponse());
        };
        var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Null(await client.GetIntAsync("warm-up"));
        return client;
    }

    [Fact]
    public async Task Read_without_an_answer_by_the_deadline_is_unavailable_since_nothing_can_have_changed()
    {
        await using var client = await ClientWithOpenConnectionThenSilentNodeAsync();

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.GetIntAsync("counter"));

        Assert.Equal(TowerErrorCode.Unavailable, error.Code);
        Assert.False(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task Write_lost_after_reaching_a_node_then_refused_everywhere_is_indeterminate()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Drop<ExecuteResponse>());
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = [_node.Address, ClosedPort.Endpoint()],
            RequestTimeout = Generous,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.SetIntAsync("k", 1));

        Assert.Equal(TowerErrorCode.Indeterminate, error.Code);
        Assert.True(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task Silent_node_is_abandoned_after_the_attempt_timeout_and_the_write_retried_elsewhere_with_the_same_header()
    {
        var silent = await FakeNode.StartAsync();
        await using var _ = silent;
        silent.Execute = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return NodeAnswer.Reply(new ExecuteResponse());
        };
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = 3 } }));
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = [silent.Address, _node.Address],
            RequestTimeout = Generous,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
        });

        var value = await client.AddIntAsync("k", 3);

        Assert.Equal(3, value);
        Assert.Equal(Assert.Single(silent.Received), Assert.Single(_node.Received));
    }

    [Fact]
    public async Task Membership_change_waits_past_the_attempt_timeout_instead_of_being_resent()
    {
        _node.Membership = (_, _) =>
        {
            Thread.Sleep(500);
            return NodeAnswer.Reply(new ClusterResponse());
        };
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous, AttemptTimeout = TimeSpan.FromMilliseconds(50) });

        await client.PromoteMemberAsync(4);

        Assert.Single(_node.ClusterCalls);
    }

    [Fact]
    public async Task Membership_change_lost_after_sending_is_indeterminate_and_not_resent()
    {
        var drop = await FakeNode.StartAsync();
        await using var _ = drop;
        drop.Membership = (_, _) => NodeAnswer.Drop<ClusterResponse>();
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [drop.Address, _node.Address], RequestTimeout = Generous });

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.RemoveMemberAsync(3));

        Assert.Equal(TowerErrorCode.Indeterminate, error.Code);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Single(drop.ClusterCalls);
        Assert.Empty(_node.ClusterCalls);
    }

    [Theory]
    [InlineData(GrpcStatusCode.Unimplemented, TowerErrorCode.Internal)]
    [InlineData(GrpcStatusCode.ResourceExhausted, TowerErrorCode.InvalidArgument)]
    [InlineData(GrpcStatusCode.InvalidArgument, TowerErrorCode.InvalidArgument)]
    public async Task Call_level_grpc_failure_is_not_retried(GrpcStatusCode status, TowerErrorCode expected)
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Fail<ExecuteResponse>(status));
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous });

        var error = await Assert.ThrowsAnyAsync<TowerException>(() => client.SetIntAsync("k", 1));

        Assert.Equal(expected, error.Code);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Single(_node.Received);
    }

    [Fact]
    public async Task Caller_cancellation_ends_the_call_with_operation_canceled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _node.Execute = async (_, ct) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return NodeAnswer.Reply(new ExecuteResponse());
        };
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = Generous });
        using var cancel = new CancellationTokenSource();

        var call = client.SetIntAsync("k", 1, cancel.Token);
        await arrived.Task.WaitAsync(Generous);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        await using var client = new TowerClient(_node.Address);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStringAsync("k", new CancellationToken(canceled: true)));

        Assert.Empty(_node.Received);
    }

    [Fact]
    public async Task Disposed_client_refuses_new_calls()
    {
        var client = new TowerClient(_node.Address);
        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetStringAsync("k"));
    }
}
