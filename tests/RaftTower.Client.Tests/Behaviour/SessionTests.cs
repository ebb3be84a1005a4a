using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using RaftTower.Client.Internal;
using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;
using Result = RaftTower.Protocol.V1.Result;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>Exactly-once headers under concurrency: distinct sequences, and acked_below never passes a call still in flight.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Concurrent_writes_get_distinct_sequences_and_acked_below_never_passes_an_unanswered_one()
    {
        // The node tracks what it has not answered yet: the client cannot have received those answers, so every
        // acked_below it sends must be at or below each of them.
        var unanswered = new ConcurrentDictionary<ulong, byte>();
        var violations = new ConcurrentQueue<string>();
        _node.Execute = async (request, ct) =>
        {
            var header = request.Header;
            foreach (var pending in unanswered.Keys)
            {
                if (header.AckedBelow > pending)
                {
                    violations.Enqueue($"seq {header.Sequence} acked below {header.AckedBelow} while {pending} was unanswered");
                }
            }

            if (header.AckedBelow > header.Sequence)
            {
                violations.Enqueue($"seq {header.Sequence} acknowledges itself ({header.AckedBelow})");
            }

            unanswered[header.Sequence] = 0;
            await Task.Delay(Random.Shared.Next(0, 20), ct);
            unanswered.TryRemove(header.Sequence, out _);
            return NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = (long)header.Sequence } });
        };
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], RequestTimeout = TimeSpan.FromSeconds(60) });

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Yield();
            return await client.AddIntAsync("counter", i);
        }));

        Assert.Empty(violations);
        var sequences = _node.Received.Select(r => r.Header.Sequence).ToArray();
        Assert.Equal(200, sequences.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Order());
        Assert.All(_node.Received, r => Assert.Equal(client.ClientId, r.Header.ClientId));

        // Once every answer is in, the next write acknowledges all of them.
        await client.SetIntAsync("after", 1);
        var last = _node.Received.Last().Header;
        Assert.Equal((201UL, 201UL), (last.Sequence, last.AckedBelow));
    }

    [Fact]
    public async Task Two_clients_have_different_client_ids()
    {
        await using var a = new TowerClient(_node.Address);
        await using var b = new TowerClient(_node.Address);

        Assert.NotEqual(a.ClientId, b.ClientId);
        Assert.NotEqual(0UL, a.ClientId);
    }

    [Fact]
    public void Acked_below_is_always_the_lowest_sequence_in_flight()
    {
        // Any interleaving of Begin and Complete: acked_below equals the smallest unfinished sequence.
        Prop.ForAll(
            Arb.From(Gen.ListOf(Gen.Choose(0, 9))),
            steps =>
            {
                var sequencer = new SessionSequencer(42);
                var inFlight = new List<ulong>();
                foreach (var step in steps)
                {
                    if (step < 6 || inFlight.Count == 0)
                    {
                        var header = sequencer.Begin();
                        inFlight.Add(header.Sequence);
                        if (header.AckedBelow != inFlight.Min() || header.ClientId != 42)
                        {
                            return false;
                        }
                    }
                    else
                    {
                        var done = inFlight[step % inFlight.Count];
                        inFlight.Remove(done);
                        sequencer.Complete(done);
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }
}
