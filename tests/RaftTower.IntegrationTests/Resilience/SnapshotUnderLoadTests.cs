using RaftTower.Raft.Storage.Snapshots;
using RaftTower.StateMachine.Apply;
using RaftTower.StateMachine.Snapshots;
using RaftTower.StateMachine.Storage;
using RaftTower.Testing;
using Xunit.Abstractions;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>
/// Snapshots are taken on a worker while the node's loop goes on appending, replicating and queueing committed entries
/// (issue 6). Each snapshot must still hold exactly the state at the index it names, and no write may be lost or
/// applied twice across the hand-over of the store between the worker and the loop.
/// </summary>
public sealed class SnapshotUnderLoadTests(ITestOutputHelper output)
{
    private const int SnapshotInterval = 50;
    private const int MinAcknowledged = 400;

    [Fact]
    public async Task Snapshots_taken_under_load_hold_exactly_the_state_at_their_index_and_lose_no_write()
    {
        // 50 entries between snapshots: with 16 writers every node snapshots many times while writes keep committing.
        await using var cluster = new TestCluster(3, snapshotInterval: SnapshotInterval);
        try
        {
            await cluster.StartAsync();
            var load = new WriteLoad("bgsnap:set", "bgsnap:counter");
            await using (var client = cluster.CreateClient())
            {
                // Until enough writes were acknowledged and every node has snapshotted under the load, not for a fixed time.
                await load.RunUntilAsync(client, workers: 16, MinAcknowledged, TimeSpan.FromSeconds(90), () => AllSnapshottedAsync(cluster));
                await load.VerifyAsync(client);
            }

            Assert.Empty(load.Failures);
            Assert.True(load.Acknowledged.Count >= MinAcknowledged, $"only {load.Acknowledged.Count} writes acknowledged in 90 s");
            foreach (var node in cluster.Nodes)
            {
                var status = await TestCluster.StatusAsync(node);
                Assert.True(status!.SnapshotIndex > SnapshotInterval, $"node {node.Id} compacted only to {status.SnapshotIndex}");

                // Each snapshot held apply once, for its checkpoint (one may be past its checkpoint and still writing).
                var taken = await TestCluster.MetricAsync(node, "rafttower_node_snapshots_total");
                var held = await TestCluster.MetricAsync(node, "rafttower_node_snapshot_apply_held_s_count");
                Assert.True(taken >= 1 && held >= taken && held <= taken + 1, $"node {node.Id}: {taken} snapshots taken, apply held {held} times");
                node.Stop();
            }

            // Every snapshot file on every node, restored on its own, is the state machine at exactly its index.
            var checkedFiles = 0;
            foreach (var node in cluster.Nodes)
            {
                var snapshots = new FileSnapshotStore(Path.Combine(node.DataDir, "snapshots"));
                using var latest = snapshots.OpenLatest().Snapshot;
                Assert.NotNull(latest);
                using var store = new InMemoryKeyValueStore();
                StoreSnapshot.Restore(latest.Content, store);
                Assert.Equal(latest.Metadata.Index, new TowerStateMachine(store).AppliedIndex);
                checkedFiles++;
            }

            Assert.Equal(3, checkedFiles);

            // And the nodes restart from their checkpoints and compacted logs with every acknowledged write.
            foreach (var node in cluster.Nodes)
            {
                cluster.Start(node);
            }

            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(60));
            await using var after = cluster.CreateClient();
            await load.VerifyAsync(after);
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }

    private static async Task<bool> AllSnapshottedAsync(TestCluster cluster)
    {
        foreach (var node in cluster.Nodes)
        {
            if (await TestCluster.StatusAsync(node) is not { } status || status.SnapshotIndex <= SnapshotInterval)
            {
                return false;
            }
        }

        return true;
    }
}
