using RaftTower.Testing;
using Xunit.Abstractions;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>Durability across restarts and catch-up through InstallSnapshot (issue 4).</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task All_nodes_stopped_and_started_again_keep_every_acknowledged_write()
    {
        await using var cluster = new TestCluster(3, snapshotInterval: 200);
        try
        {
            await cluster.StartAsync();
            var load = new WriteLoad("restart:set", "restart:counter");
            await using (var client = cluster.CreateClient())
            {
                await load.RunUntilAsync(client, workers: 8, minAcknowledged: 300, TimeSpan.FromSeconds(60));
            }

            Assert.True(load.Acknowledged.Count >= 300, $"only {load.Acknowledged.Count} writes acknowledged in 60 s");
            foreach (var node in cluster.Nodes)
            {
                node.Kill();
            }

            foreach (var node in cluster.Nodes)
            {
                cluster.Start(node);
            }

            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            await using var after = cluster.CreateClient();
            await load.VerifyAsync(after);
            Assert.Empty(load.Failures);
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }

    [Fact]
    public async Task Node_down_for_more_than_a_snapshot_interval_catches_up_by_install_snapshot()
    {
        await using var cluster = new TestCluster(3, snapshotInterval: 100);
        try
        {
            await cluster.StartAsync();
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            var lagging = cluster.Nodes.First(n => n.Id != leader.Id);
            lagging.Stop();

            var load = new WriteLoad("snap:set", "snap:counter");
            await using var client = cluster.CreateClient();
            // Until the two running nodes have compacted past what the stopped one has (it must need the snapshot).
            await load.RunUntilAsync(client, workers: 8, minAcknowledged: 100, TimeSpan.FromSeconds(60),
                async () => await TestCluster.StatusAsync(leader) is { SnapshotIndex: > 100 });

            var leaderStatus = await TestCluster.StatusAsync(leader);
            Assert.True(leaderStatus!.SnapshotIndex > 100, $"the leader compacted only to {leaderStatus.SnapshotIndex}");

            cluster.Start(lagging);
            await TestCluster.WaitForAppliedAsync(lagging, leaderStatus.CommitIndex, TimeSpan.FromSeconds(60));
            Assert.Contains("Installed the leader's snapshot", lagging.ReadLog(), StringComparison.Ordinal);

            // The caught-up node holds the data: make it the only voter that the leader can count on with another one frozen.
            var third = cluster.Nodes.First(n => n.Id != leader.Id && n.Id != lagging.Id);
            third.Pause();
            try
            {
                Assert.Equal(7, await client.AddIntAsync("snap:after", 7));
            }
            finally
            {
                third.Resume();
            }

            await load.VerifyAsync(client);
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }
}
