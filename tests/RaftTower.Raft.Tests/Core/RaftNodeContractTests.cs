using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>The host-facing contract: ready/advance ordering, reports from the transport, option validation.</summary>
public sealed class RaftNodeContractTests
{
    [Fact]
    public void GetReady_twice_without_Advance_is_a_broken_contract()
    {
        var raw = new RawNode(1, [1, 2, 3]);
        raw.Node.Campaign();
        var ready = raw.Node.GetReady();

        Assert.False(raw.Node.HasReady);
        Assert.Throws<InvalidOperationException>(() => raw.Node.GetReady());
        Assert.Throws<ArgumentException>(() => raw.Node.Advance(new Ready()));
        raw.Node.Advance(ready);
    }

    [Fact]
    public void Messages_wait_for_the_batch_that_makes_them_durable()
    {
        var raw = new RawNode(1, [1, 2, 3], configure: o => o.PreVote = false);
        raw.Node.Campaign();
        var ready = raw.Node.GetReady();

        // The vote for itself (hard state) travels in the same batch as the vote requests: the host persists first.
        Assert.True(ready.MustSync);
        Assert.NotNull(ready.HardState);
        Assert.NotEmpty(ready.Messages);
    }

    [Fact]
    public void Unreachable_follower_goes_back_to_probing()
    {
        var raw = new RawNode(1, [1, 2, 3]);
        raw.BecomeLeader(2, 3);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });
        raw.Node.ReportUnreachable(2);

        raw.Node.Propose(new byte[] { 1 }, 0);
        raw.Node.Propose(new byte[] { 2 }, 0);
        var first = raw.Drain().Where(m => m.To == 2 && m.Type == MessageType.Append).ToList();
        raw.Node.Propose(new byte[] { 3 }, 0);
        var second = raw.Drain().Where(m => m.To == 2 && m.Type == MessageType.Append).ToList();

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Theory]
    [InlineData(SnapshotStatus.Failed, MessageType.InstallSnapshot)]
    [InlineData(SnapshotStatus.Finished, MessageType.Append)]
    public void After_a_snapshot_report_the_leader_probes_again(SnapshotStatus status, MessageType nextProbe)
    {
        // Leader log 1..4 compacted into a snapshot at 4, its no-op at 5; follower 3 holds only index 1.
        var raw = new RawNode(1, [1, 2, 3], [1, 1, 1]);
        raw.BecomeLeader(2, 3);
        raw.Storage.Compact(new SnapshotMetadata(4, 1, new ConfigState([1, 2, 3], []), 40));
        raw.Storage.Sync();

        var snapshot = raw.Step(new Message(MessageType.AppendResponse, 3, 1, raw.Node.Term) { Index = 4, Reject = true, RejectHint = 1, LogTerm = 1 });
        Assert.Equal(4, Assert.Single(snapshot, m => m.To == 3).Snapshot!.Index);

        raw.Node.ReportSnapshot(3, status);
        Assert.DoesNotContain(raw.Drain(), m => m.To == 3);
        var probe = raw.Step(new Message(MessageType.HeartbeatResponse, 3, 1, raw.Node.Term));
        Assert.Equal(nextProbe, Assert.Single(probe, m => m.To == 3).Type);
    }

    [Theory]
    [InlineData(0UL, 10, 1)]
    [InlineData(1UL, 1, 1)]
    [InlineData(1UL, 10, 10)]
    [InlineData(1UL, 10, 0)]
    public void Invalid_options_are_refused(ulong id, int election, int heartbeat)
    {
        var options = new RaftOptions { Id = id, ElectionTicks = election, HeartbeatTicks = heartbeat };

        Assert.Throws<ArgumentException>(() => new RaftNode(options, new MemoryRaftLogStorage(), new SeededRaftRandom(1)));
    }

    [Fact]
    public void Initial_voters_must_include_the_node()
    {
        var options = new RaftOptions { Id = 4, InitialVoters = [1, 2, 3] };

        Assert.Throws<ArgumentException>(() => new RaftNode(options, new MemoryRaftLogStorage(), new SeededRaftRandom(1)));
    }

    [Fact]
    public void Fresh_members_bootstrap_the_same_configuration_entry()
    {
        var a = new RaftNode(new RaftOptions { Id = 1, InitialVoters = [3, 1, 2] }, new MemoryRaftLogStorage(), new SeededRaftRandom(1)).GetReady();
        var b = new RaftNode(new RaftOptions { Id = 2, InitialVoters = [1, 2, 3] }, new MemoryRaftLogStorage(), new SeededRaftRandom(2)).GetReady();

        var entry = Assert.Single(a.Entries);
        Assert.Equal(entry.Data.ToArray(), Assert.Single(b.Entries).Data.ToArray());
        Assert.Equal((1L, 1L, EntryType.ConfigChange), (entry.Index, entry.Term, entry.Type));
        Assert.Equal(new HardState(1, 0, 1), a.HardState);
    }
}
