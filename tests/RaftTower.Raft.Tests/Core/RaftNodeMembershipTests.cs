using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Single-server membership changes with learners (thesis §4.1-§4.2).</summary>
public sealed class RaftNodeMembershipTests
{
    private static MembershipChange Add(ulong id) => new(MembershipChangeKind.AddLearner, id);

    private static MembershipChange Promote(ulong id) => new(MembershipChangeKind.PromoteLearner, id);

    private static MembershipChange Remove(ulong id) => new(MembershipChangeKind.Remove, id);

    private static (TestCluster Cluster, TestNode Leader) ClusterWithLeader(int voters = 3)
    {
        var cluster = new TestCluster(voters);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "first");
        return (cluster, leader);
    }

    [Fact]
    public void Added_learner_receives_and_applies_the_log()
    {
        var (cluster, leader) = ClusterWithLeader();
        var learner = cluster.AddJoiningNode(4);
        var change = leader.Raft.ProposeConfigChange(Add(4), 0);
        cluster.Stabilize();
        cluster.TickAll(3);

        Assert.Equal(ProposeStatus.Accepted, change.Status);
        Assert.Equal([4UL], leader.Raft.Config.Learners);
        Assert.Equal(leader.Applied, learner.Applied);
        Assert.Equal(leader.Raft.Config, learner.Raft.Config);
    }

    [Fact]
    public void Learner_is_never_counted_in_a_quorum()
    {
        var (cluster, leader) = ClusterWithLeader();
        cluster.AddJoiningNode(4);
        leader.Raft.ProposeConfigChange(Add(4), 0);
        cluster.Stabilize();
        cluster.TickAll(3);

        cluster.Drop = m => m.From is 2 or 3 || m.To is 2 or 3;
        var write = cluster.Propose(leader, "needs a voter");

        // Leader and learner hold the entry: two of four nodes, but only one of three voters.
        Assert.Equal(write.Index, cluster[4].Storage.LastIndex);
        Assert.True(leader.Raft.Status.Commit < write.Index);

        cluster.Drop = null;
        cluster.TickAll(2);
        Assert.True(leader.Raft.Status.Commit >= write.Index);
    }

    [Fact]
    public void Promotion_is_refused_until_the_learner_has_caught_up()
    {
        var (cluster, leader) = ClusterWithLeader();
        cluster.AddJoiningNode(4);
        cluster.Drop = m => m.To == 4;
        leader.Raft.ProposeConfigChange(Add(4), 0);
        cluster.Stabilize();

        Assert.Equal(ProposeStatus.LearnerNotCaughtUp, leader.Raft.ProposeConfigChange(Promote(4), 0).Status);

        cluster.Drop = null;
        cluster.TickAll(3);
        Assert.Equal(ProposeStatus.Accepted, leader.Raft.ProposeConfigChange(Promote(4), 0).Status);
        cluster.Stabilize();
        Assert.Equal([1UL, 2UL, 3UL, 4UL], cluster[4].Raft.Config.Voters);
        Assert.Empty(cluster[4].Raft.Config.Learners);
    }

    [Fact]
    public void Only_one_change_may_be_uncommitted()
    {
        var (cluster, leader) = ClusterWithLeader();
        cluster.Drop = m => m.From == 1 && m.Type == MessageType.Append;
        Assert.True(leader.Raft.ProposeConfigChange(Add(4), 0).IsAccepted);
        cluster.Stabilize();

        Assert.Equal(ProposeStatus.ConfigChangePending, leader.Raft.ProposeConfigChange(Add(5), 0).Status);
    }

    [Fact]
    public void New_leader_changes_the_configuration_only_after_committing_an_entry_of_its_term()
    {
        var raw = new RawNode(1, [1, 2, 3]);
        raw.BecomeLeader(2, 3);

        Assert.Equal(ProposeStatus.LeaderNotReady, raw.Node.ProposeConfigChange(Add(4), 0).Status);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });
        Assert.Equal(ProposeStatus.Accepted, raw.Node.ProposeConfigChange(Add(4), 0).Status);
    }

    [Theory]
    [InlineData(MembershipChangeKind.AddLearner, 2UL)] // already a voter
    [InlineData(MembershipChangeKind.AddLearner, 0UL)] // not a node id
    [InlineData(MembershipChangeKind.PromoteLearner, 2UL)] // not a learner
    [InlineData(MembershipChangeKind.Remove, 9UL)] // not a member
    [InlineData(MembershipChangeKind.Initialize, 0UL)] // only at bootstrap
    public void Invalid_change_is_refused_and_changes_nothing(MembershipChangeKind kind, ulong id)
    {
        var (_, leader) = ClusterWithLeader();
        var before = leader.Raft.Status;

        Assert.Equal(ProposeStatus.InvalidConfigChange, leader.Raft.ProposeConfigChange(new MembershipChange(kind, id), 0).Status);
        Assert.Equal(before, leader.Raft.Status);
    }

    [Fact]
    public void Last_voter_cannot_be_removed()
    {
        var cluster = new TestCluster(1);
        var leader = cluster.Elect(1);
        cluster.Propose(leader, "x");

        Assert.Equal(ProposeStatus.InvalidConfigChange, leader.Raft.ProposeConfigChange(Remove(1), 0).Status);
    }

    [Fact]
    public void Configuration_takes_effect_when_appended_and_rolls_back_when_truncated()
    {
        var raw = new RawNode(2, [1, 2, 3], [2], hardState: new HardState(2, 0, 1));
        var next = new ConfigState([1, 2, 3], [4]);
        var data = ConfigChangeCodec.Encode(new ConfigChangePayload(Add(4), next));
        raw.Step(new Message(MessageType.Append, 1, 2, 2) { Index = 2, LogTerm = 2, Commit = 1, Entries = [new Entry(3, 2, EntryType.ConfigChange, 0, data)] });

        Assert.Equal(next, raw.Node.Config);
        Assert.Equal(1, raw.Node.Status.Commit);

        // A leader of term 3 never had that entry: its index 3 replaces it, and the old configuration returns.
        raw.Step(new Message(MessageType.Append, 3, 2, 3) { Index = 2, LogTerm = 2, Commit = 1, Entries = [new Entry(3, 3, EntryType.Noop, 0, ReadOnlyMemory<byte>.Empty)] });
        Assert.Equal(new ConfigState([1, 2, 3], []), raw.Node.Config);
    }

    [Fact]
    public void Leader_removing_itself_steps_down_after_the_change_commits_and_never_campaigns()
    {
        var (cluster, leader) = ClusterWithLeader();
        var change = leader.Raft.ProposeConfigChange(Remove(1), 0);
        Assert.True(change.IsAccepted);
        cluster.Stabilize();

        Assert.NotEqual(RaftRole.Leader, leader.Raft.Role);
        cluster.Isolate(1);
        cluster.TickAll(30);
        Assert.Equal(RaftRole.Follower, leader.Raft.Role);
        cluster.Heal();
        var next = cluster.Leader!;
        Assert.NotEqual(1UL, next.Id);
        Assert.Equal([2UL, 3UL], next.Raft.Config.Voters);
        Assert.True(cluster.Propose(next, "without node 1").IsAccepted);
    }

    [Fact]
    public void Removed_follower_gets_no_more_entries()
    {
        var (cluster, leader) = ClusterWithLeader();
        leader.Raft.ProposeConfigChange(Remove(3), 0);
        cluster.Stabilize();
        cluster.TickAll(2);
        var sentBefore = cluster.Sent.Count;
        var write = cluster.Propose(leader, "after removal");

        Assert.DoesNotContain(cluster.Sent.Skip(sentBefore), m => m.To == 3);
        Assert.True(cluster[3].Storage.LastIndex < write.Index);
        Assert.True(leader.Raft.Status.Commit >= write.Index);
    }

    [Fact]
    public void Config_change_payload_round_trips()
    {
        var payload = new ConfigChangePayload(Promote(7), new ConfigState([1, 2, 7], [9]));

        Assert.Equal(payload, ConfigChangeCodec.Decode(ConfigChangeCodec.Encode(payload)));
        Assert.Throws<InvalidDataException>(() => ConfigChangeCodec.Decode(ConfigChangeCodec.Encode(payload).AsSpan(0, 20)));
    }
}
