using RaftTower.Testing;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>
/// A read round goes first to just enough followers for a quorum; when the one it went to is gone, the leader sends
/// the round to every follower (counted on /metrics) and reads go on.
/// </summary>
public sealed class ReadRoundTests
{
    [Fact]
    public async Task Reads_go_on_when_the_follower_their_rounds_went_to_is_killed()
    {
        await using var cluster = new TestCluster(3);
        await cluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        await using var client = cluster.CreateClient(requestTimeout: TimeSpan.FromSeconds(20));
        await client.SetIntAsync("round", 7);
        Assert.Equal(7, await client.GetIntAsync("round"));

        // Rounds go to the follower that answered the latest one, the lower id on a tie; both answer the periodic
        // heartbeats, so they mostly tie and the lower one is asked: kill it. On a loaded machine a round widened
        // by its timer can leave the other one ahead for a while, and then the rounds went there — so if nothing
        // was widened, bring the node back, let a periodic heartbeat even them out and try again (at most 3 times;
        // without the timer no try ever widens).
        var chosen = cluster.Nodes.Where(n => n.Id != leader.Id).MinBy(n => n.Id)!;
        var widened = false;
        for (var attempt = 1; attempt <= 3 && !widened; attempt++)
        {
            var before = await WidenedAsync(leader);
            chosen.Kill();
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(7, await client.GetIntAsync("round"));
            }

            widened = await WidenedAsync(leader) > before;
            if (!widened)
            {
                cluster.Start(chosen);
                await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                Assert.Equal(7, await client.GetIntAsync("round"));
            }
        }

        Assert.Equal(leader.Id, (await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30))).Id);
        Assert.True(widened, "no read round was sent to every follower after the chosen one died (3 tries)");
    }

    private static async Task<long> WidenedAsync(NodeProcess node) =>
        await TestCluster.MetricAsync(node, "rafttower_node_read_rounds_widened_total") ?? 0;
}
