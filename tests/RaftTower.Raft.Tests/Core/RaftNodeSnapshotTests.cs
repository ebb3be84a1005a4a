using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Snapshots, compaction and InstallSnapshot (§7).</summary>
public sealed class RaftNodeSnapshotTests
{
    [Fact]
    public void Lagging_follower_receives_a_chunked_snapshot_and_catches_up()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        cluster.Isolate(3);
        for (var i = 0; i < 20; i++)
        {
            cluster.Propose(leader, $"entry {i}");
        }

        Assert.True(leader.TakeSnapshot());
        var snapshotIndex = leader.Storage.Snapshot.Index;
        cluster.Heal();
        cluster.TickAll(5);

        var chunks = cluster.Sent.Where(m => m.Type == MessageType.SnapshotChunk && m.To == 3).ToList();
        Assert.True(chunks.Count > 1);
        Assert.True(chunks[^1].ChunkDone);
        Assert.Equal(snapshotIndex, cluster[3].Storage.Snapshot.Index);
        Assert.Equal(leader.Applied, cluster[3].Applied);
        var after = cluster.Propose(leader, "after");
        Assert.Contains(cluster[3].Applied, a => a.Index == after.Index);
    }

    [Fact]
    public void Follower_that_holds_the_snapshot_entry_keeps_its_log()
    {
        var raw = new RawNode(2, [1, 2, 3], [2, 2, 2], hardState: new HardState(2, 0, 1));
        var snapshot = new SnapshotMetadata(3, 2, new ConfigState([1, 2, 3], []), 30);
        var response = Assert.Single(raw.Step(new Message(MessageType.InstallSnapshot, 1, 2, 2) { Snapshot = snapshot }));

        Assert.Equal(4, response.Index);
        Assert.Equal(4, raw.Storage.LastIndex);
        Assert.Equal(3, raw.Node.Status.Commit);
        Assert.Equal(0, raw.Storage.Snapshot.Index);
    }

    [Fact]
    public void Follower_with_a_conflicting_log_replaces_it_by_the_snapshot()
    {
        var raw = new RawNode(2, [1, 2, 3], [2, 2, 2], hardState: new HardState(3, 0, 1));
        var snapshot = new SnapshotMetadata(6, 3, new ConfigState([1, 2, 3], [4]), 60);
        raw.Node.Step(new Message(MessageType.InstallSnapshot, 1, 2, 3) { Snapshot = snapshot });
        var ready = raw.Node.GetReady();

        Assert.Equal(snapshot, ready.Snapshot);
        Assert.Equal(6, Assert.Single(ready.Messages).Index);
        raw.Storage.InstallSnapshot(snapshot);
        raw.Storage.SetHardState(ready.HardState!.Value);
        raw.Storage.Sync();
        raw.Node.Advance(ready);

        Assert.Equal(6, raw.Storage.LastIndex);
        Assert.Equal(6, raw.Node.Status.Applied);
        Assert.Equal(snapshot.Config, raw.Node.Config);
    }

    [Fact]
    public void Stale_snapshot_is_acknowledged_at_the_commit_index_and_ignored()
    {
        var raw = new RawNode(2, [1, 2, 3], [2, 2], hardState: new HardState(2, 0, 3));
        var response = Assert.Single(raw.Step(new Message(MessageType.InstallSnapshot, 1, 2, 2) { Snapshot = new SnapshotMetadata(2, 2, new ConfigState([1, 2, 3], []), 0) }));

        Assert.Equal(3, response.Index);
        Assert.Equal(0, raw.Storage.Snapshot.Index);
    }

    [Fact]
    public void Node_restarts_from_its_snapshot_and_compacted_log()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        for (var i = 0; i < 10; i++)
        {
            cluster.Propose(leader, $"e{i}");
        }

        var follower = cluster[2];
        Assert.True(follower.TakeSnapshot());
        var applied = follower.Applied.ToList();
        follower.Crash();
        follower.Restart();
        cluster.TickAll(3);

        Assert.True(follower.Storage.Snapshot.Index > 0);
        Assert.Equal(applied, follower.Applied.Take(applied.Count));
        Assert.Equal(leader.Applied, follower.Applied);
    }

    [Fact]
    public void Learner_added_after_compaction_is_seeded_by_a_snapshot()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        for (var i = 0; i < 10; i++)
        {
            cluster.Propose(leader, $"e{i}");
        }

        leader.TakeSnapshot();
        var learner = cluster.AddJoiningNode(4);
        leader.Raft.ProposeConfigChange(new MembershipChange(MembershipChangeKind.AddLearner, 4), 0);
        cluster.Stabilize();
        cluster.TickAll(5);

        Assert.Equal(leader.Applied, learner.Applied);
        Assert.True(learner.Storage.Snapshot.Index > 0);
        Assert.Equal([4UL], learner.Raft.Config.Learners);
    }
}
