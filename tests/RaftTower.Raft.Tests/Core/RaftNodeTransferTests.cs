using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Leadership transfer (thesis §3.10).</summary>
public sealed class RaftNodeTransferTests
{
    [Fact]
    public void Up_to_date_target_becomes_leader_of_the_next_term()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "x");
        var term = leader.Raft.Term;

        Assert.Equal(TransferStatus.Started, leader.Raft.TransferLeadership(3));
        cluster.Stabilize();

        Assert.Equal(RaftRole.Leader, cluster[3].Raft.Role);
        Assert.Equal(term + 1, cluster[3].Raft.Term);
        Assert.Equal(3UL, leader.Raft.Leader);
    }

    [Fact]
    public void Lagging_target_is_caught_up_before_timeout_now()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        cluster.Drop = m => m.To == 3;
        var write = cluster.Propose(leader, "3 misses this");
        cluster.Drop = null;

        leader.Raft.TransferLeadership(3);
        cluster.Stabilize();
        cluster.TickAll(2);

        Assert.Equal(RaftRole.Leader, cluster[3].Raft.Role);
        Assert.Contains(cluster[3].Applied, a => a.Index == write.Index);
        var timeoutNow = cluster.Sent.First(m => m.Type == MessageType.TimeoutNow);
        var catchUp = cluster.Sent.FindIndex(m => m.Type == MessageType.Append && m.To == 3 && m.Entries.Any(e => e.Index == write.Index));
        Assert.True(catchUp >= 0 && catchUp < cluster.Sent.IndexOf(timeoutNow));
    }

    [Fact]
    public void Proposals_are_refused_during_a_transfer_and_accepted_after_it_aborts()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "x");
        cluster.Drop = m => m.Type == MessageType.TimeoutNow;

        leader.Raft.TransferLeadership(3);
        Assert.Equal(ProposeStatus.TransferInProgress, leader.Raft.Propose(new byte[] { 1 }, 0).Status);

        for (var i = 0; i < 10; i++)
        {
            leader.Raft.Tick();
        }

        cluster.Stabilize();
        Assert.Equal(RaftRole.Leader, leader.Raft.Role);
        Assert.Equal(0UL, leader.Raft.Status.LeadTransferee);
        Assert.True(leader.Raft.Propose(new byte[] { 2 }, 0).IsAccepted);
    }

    [Fact]
    public void Transfer_target_must_be_another_voter_and_caller_the_leader()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);

        Assert.Equal(TransferStatus.AlreadyLeader, leader.Raft.TransferLeadership(1));
        Assert.Equal(TransferStatus.NotVoter, leader.Raft.TransferLeadership(9));
        Assert.Equal(TransferStatus.NotLeader, cluster[2].Raft.TransferLeadership(3));
        Assert.Equal(0UL, leader.Raft.Status.LeadTransferee);
    }

    [Fact]
    public void Transfer_overrides_the_leader_lease_of_other_voters()
    {
        var cluster = new TestCluster(5);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "x");
        cluster.TickAll(1);

        leader.Raft.TransferLeadership(4);
        cluster.Stabilize();

        Assert.Equal(RaftRole.Leader, cluster[4].Raft.Role);
        Assert.All(cluster.Nodes.Values, n => Assert.Equal(4UL, n.Raft.Leader));
    }
}
