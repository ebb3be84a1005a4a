using System.Text;
using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>ReadIndex (thesis §6.4).</summary>
public sealed class RaftNodeReadIndexTests
{
    private static ReadOnlyMemory<byte> Ctx(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadState state) => Encoding.UTF8.GetString(state.Context.Span);

    [Fact]
    public void Leader_returns_its_commit_index_after_a_quorum_heartbeat_round()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        var write = cluster.Propose(leader, "w");

        Assert.Equal(ReadIndexStatus.Accepted, leader.Raft.ReadIndex(Ctx("r1")).Status);
        var before = leader.Raft.GetReady();
        Assert.Empty(before.ReadStates);
        Assert.Single(before.Messages, m => m.Type == MessageType.Heartbeat && m.ReadRound > 0);
        leader.Raft.Advance(before);
        foreach (var heartbeat in before.Messages)
        {
            cluster[heartbeat.To].Receive(heartbeat);
        }

        cluster.Stabilize();
        var read = Assert.Single(leader.ReadStates);
        Assert.Equal("r1", Text(read));
        Assert.Equal(write.Index, read.Index);
    }

    [Fact]
    public void Leader_defers_reads_until_it_has_committed_an_entry_of_its_term()
    {
        var raw = new RawNode(1, [1, 2, 3]);
        raw.BecomeLeader(2, 3);
        raw.Node.ReadIndex(Ctx("early"));
        var messages = raw.Drain();

        Assert.Empty(raw.ReadStates);
        Assert.DoesNotContain(messages, m => m.Type == MessageType.Heartbeat && m.ReadRound > 0);

        var afterCommit = raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });
        var heartbeat = Assert.Single(afterCommit, m => m.Type == MessageType.Heartbeat && m.To == 2 && m.ReadRound > 0);
        raw.Step(new Message(MessageType.HeartbeatResponse, 2, 1, raw.Node.Term) { ReadRound = heartbeat.ReadRound });

        var read = Assert.Single(raw.ReadStates);
        Assert.Equal(raw.Node.Status.Commit, read.Index);
    }

    [Fact]
    public void Follower_forwards_a_read_to_the_leader_and_gets_the_read_index()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        var write = cluster.Propose(leader, "w");

        var result = cluster[2].Raft.ReadIndex(Ctx("f"));
        cluster.Stabilize();

        Assert.Equal(new ReadIndexResult(ReadIndexStatus.Accepted, 1), result);
        var read = Assert.Single(cluster[2].ReadStates);
        Assert.Equal("f", Text(read));
        Assert.True(read.Index >= write.Index);
    }

    [Fact]
    public void Node_without_a_leader_refuses_reads()
    {
        var raw = new RawNode(1, [1, 2, 3]);

        Assert.Equal(ReadIndexStatus.NoLeader, raw.Node.ReadIndex(Ctx("x")).Status);
        Assert.Empty(raw.Drain());
    }

    [Fact]
    public void Stale_partitioned_leader_cannot_serve_a_read()
    {
        var (cluster, old, current) = TestCluster.WithIsolatedOldLeader();
        var write = cluster.Propose(current, "after the partition");
        Assert.Contains(current.Applied, a => a.Index == write.Index);

        // The old leader still believes it leads (within its check-quorum window) and accepts the request...
        Assert.Equal(RaftRole.Leader, old.Raft.Role);
        Assert.Equal(ReadIndexStatus.Accepted, old.Raft.ReadIndex(Ctx("stale")).Status);
        cluster.Stabilize();

        // ...but cannot confirm it with a quorum, and once healed it learns the newer term and steps down.
        Assert.Empty(old.ReadStates);
        cluster.Heal();
        cluster.TickAll(3);
        Assert.NotEqual(RaftRole.Leader, old.Raft.Role);
        Assert.Empty(old.ReadStates);
    }

    [Fact]
    public void A_read_round_goes_to_the_followers_that_answered_rounds_most_recently()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3, 4, 5]);
        var term = raw.Node.Term;

        // No round answered yet: the lowest ids make the quorum with the leader.
        raw.Node.ReadIndex(Ctx("a"));
        var first = raw.Drain().Where(IsReadRound).ToList();
        Assert.Equal([2UL, 3UL], first.Select(m => m.To).Order());

        // 4 and 5 answer the round (as if it had reached them) and 2 too; 3 never does.
        foreach (var voter in new ulong[] { 4, 5, 2 })
        {
            raw.Step(new Message(MessageType.HeartbeatResponse, voter, 1, term) { ReadRound = first[0].ReadRound });
        }

        Assert.Single(raw.ReadStates);
        raw.Node.ReadIndex(Ctx("b"));
        var second = raw.Drain().Where(IsReadRound).ToList();
        Assert.Equal([2UL, 4UL], second.Select(m => m.To).Order());
    }

    [Fact]
    public void A_round_whose_chosen_follower_is_silent_reaches_every_follower_when_the_host_asks()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        raw.Node.ReadIndex(Ctx("r"));
        var round = Assert.Single(raw.Drain(), IsReadRound);
        Assert.Equal(2UL, round.To);
        Assert.True(raw.Node.HasUnsentReadRound);

        // Node 2 is gone: the host's fallback sends the round to everyone, and node 3 confirms it.
        raw.Node.ConfirmReadsByHeartbeat();
        Assert.Equal(1, raw.Node.ReadRoundsWidened);
        var all = raw.Drain().Where(IsReadRound).ToList();
        Assert.Equal([2UL, 3UL], all.Select(m => m.To).Order());
        Assert.False(raw.Node.HasUnsentReadRound);
        raw.Step(new Message(MessageType.HeartbeatResponse, 3, 1, raw.Node.Term) { ReadRound = round.ReadRound });
        Assert.Single(raw.ReadStates);
        raw.Node.ConfirmReadsByHeartbeat();
        Assert.Equal(1, raw.Node.ReadRoundsWidened);

        // The next round goes to node 3, which answered; node 2 did not.
        raw.Node.ReadIndex(Ctx("next"));
        Assert.Equal(3UL, Assert.Single(raw.Drain(), IsReadRound).To);
    }

    private static bool IsReadRound(Message m) => m.Type == MessageType.Heartbeat && m.ReadRound > 0;

    [Fact]
    public void Single_voter_serves_reads_without_messages()
    {
        var cluster = new TestCluster(1);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "w");
        leader.Raft.ReadIndex(Ctx("solo"));
        var ready = leader.Raft.GetReady();

        Assert.Empty(ready.Messages);
        Assert.Equal(leader.Raft.Status.Commit, Assert.Single(ready.ReadStates).Index);
    }
}
