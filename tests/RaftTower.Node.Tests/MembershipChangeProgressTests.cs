using RaftTower.Node.Cluster;

namespace RaftTower.Node.Tests;

/// <summary>When the node that proposed a membership change may answer it, and when its fate is unknown.</summary>
public sealed class MembershipChangeProgressTests
{
    private static NodeStatus Status(string role, long term, long commit, long applied) =>
        new(1, 1, role, term, role == "Leader" ? 1UL : 0UL, commit, applied, commit, 0, []);

    [Fact]
    public void A_leader_that_removed_itself_waits_for_its_committed_change_to_be_applied()
    {
        // Stepped down as the removal of itself committed (index 40, term 3), apply paused by a snapshot.
        Assert.Equal(MembershipChangeProgress.Waiting, ClusterNode.ChangeProgress(Status("Follower", 3, commit: 40, applied: 35), 40, 3));
        Assert.Equal(MembershipChangeProgress.Applied, ClusterNode.ChangeProgress(Status("Follower", 3, commit: 40, applied: 40), 40, 3));
    }

    [Fact]
    public void A_leader_waits_and_a_node_that_lost_leadership_before_the_commit_or_in_a_newer_term_does_not_know()
    {
        Assert.Equal(MembershipChangeProgress.Waiting, ClusterNode.ChangeProgress(Status("Leader", 3, commit: 39, applied: 39), 40, 3));
        Assert.Equal(MembershipChangeProgress.Unknown, ClusterNode.ChangeProgress(Status("Follower", 3, commit: 39, applied: 39), 40, 3));

        // A newer term's leader may have replaced the entry at 40 before the commit passed it.
        Assert.Equal(MembershipChangeProgress.Unknown, ClusterNode.ChangeProgress(Status("Follower", 4, commit: 41, applied: 39), 40, 3));
    }
}
