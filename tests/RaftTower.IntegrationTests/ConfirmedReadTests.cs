using RaftTower.Protocol.V1;
using RaftTower.Testing;
using GrpcChannel = RaftTower.Protocol.Grpc.GrpcChannel;

namespace RaftTower.IntegrationTests;

/// <summary>
/// Follower-confirmed reads against real node processes, called raw: a read carrying <c>read_confirm</c> is served on
/// a follower's <c>Tower/ConfirmRead</c>, and still served (by a heartbeat round) when no confirmation comes.
/// </summary>
public sealed class ConfirmedReadTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly GrpcChannel _channel = new();

    private TestCluster Cluster => fixture.Cluster;

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task A_read_confirmed_by_a_follower_is_served_on_that_confirmation()
    {
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = Cluster.Nodes.First(n => n.Id != leader.Id);
        var key = "confirmed-" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(leader, new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = "v1" } });
        var before = await ConfirmedReadsAsync(leader);

        // Bounded: the confirmation normally reaches the leader before (or right after) the read; a read whose
        // confirmation is late is served by the fallback round instead, and only the counter tells them apart.
        var served = 0;
        for (var i = 0; i < 50 && await ConfirmedReadsAsync(leader) == before; i++)
        {
            var id = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
            var confirm = await _channel.CallAsync(
                new Uri(follower.ClientUrl), "/rafttower.v1.Tower/ConfirmRead", new ConfirmReadRequest { ReadId = id }, ConfirmReadResponse.Parser, CallTimeout, CancellationToken.None);
            Assert.True(confirm.Forwarded, $"follower {follower.Id} did not pass the confirmation on");
            var read = await ExecuteAsync(leader, new ExecuteRequest { ReadConfirm = id, String = new StringOp { Op = StringOpCode.Get, Key = key } });
            Assert.Null(read.Error);
            Assert.Equal("v1", read.Result.String);
            served++;
        }

        Assert.True(await ConfirmedReadsAsync(leader) > before, $"none of {served} reads was served on its confirmation");
    }

    [Fact]
    public async Task A_read_whose_confirmation_never_comes_is_served_by_a_heartbeat_round()
    {
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var key = "unconfirmed-" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(leader, new ExecuteRequest { Int = new IntOp { Op = IntOpCode.Set, Key = key, Operand = 41 } });

        // The leader itself refuses to confirm (it follows nobody), so nothing confirms these reads but the round.
        var refused = await _channel.CallAsync(
            new Uri(leader.ClientUrl), "/rafttower.v1.Tower/ConfirmRead", new ConfirmReadRequest { ReadId = 5 }, ConfirmReadResponse.Parser, CallTimeout, CancellationToken.None);
        Assert.False(refused.Forwarded);
        for (var i = 0; i < 3; i++)
        {
            var read = await ExecuteAsync(leader, new ExecuteRequest { ReadConfirm = (ulong)Random.Shared.NextInt64(1, long.MaxValue), Int = new IntOp { Op = IntOpCode.Get, Key = key } });
            Assert.Null(read.Error);
            Assert.Equal(41, read.Result.Int);
        }
    }

    private Task<ExecuteResponse> ExecuteAsync(NodeProcess node, ExecuteRequest request) =>
        _channel.CallAsync(new Uri(node.ClientUrl), "/rafttower.v1.Tower/Execute", request, ExecuteResponse.Parser, CallTimeout, CancellationToken.None);

    private static async Task<long> ConfirmedReadsAsync(NodeProcess node) =>
        await TestCluster.MetricAsync(node, "rafttower_node_reads_confirmed_by_followers_total") ?? 0;
}
