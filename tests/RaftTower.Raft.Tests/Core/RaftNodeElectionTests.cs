using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Figure 2 rules for all servers, followers, candidates and the RequestVote receiver; pre-vote and check-quorum.</summary>
public sealed class RaftNodeElectionTests
{
    private static readonly ulong[] Three = [1, 2, 3];

    private static void NoPreVote(RaftOptions o) => o.PreVote = false;

    [Fact]
    public void Follower_campaigns_after_a_randomized_election_timeout()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        var ticks = 0;
        while (raw.Node.Role == RaftRole.Follower && ticks < 100)
        {
            raw.Node.Tick();
            ticks++;
        }

        Assert.Equal(RaftRole.Candidate, raw.Node.Role);
        Assert.InRange(ticks, 10, 19);
    }

    [Fact]
    public void Randomized_election_timeouts_differ_between_nodes()
    {
        var timeouts = new HashSet<int>();
        for (ulong id = 1; id <= 8; id++)
        {
            var raw = new RawNode(id, [1, 2, 3, 4, 5, 6, 7, 8], configure: NoPreVote);
            var ticks = 0;
            while (raw.Node.Role == RaftRole.Follower)
            {
                raw.Node.Tick();
                ticks++;
            }

            timeouts.Add(ticks);
        }

        Assert.True(timeouts.Count > 1);
    }

    [Fact]
    public void Candidate_increments_term_votes_for_itself_and_requests_votes_after_persisting()
    {
        var raw = new RawNode(1, Three, [1, 1], configure: NoPreVote);
        raw.Node.Campaign();
        var ready = raw.Node.GetReady();

        Assert.Equal(new HardState(2, 1, 1), ready.HardState);
        Assert.True(ready.MustSync);
        var votes = ready.Messages.Where(m => m.Type == MessageType.Vote).ToList();
        Assert.Equal([2UL, 3UL], votes.Select(v => v.To).Order());
        Assert.All(votes, v => Assert.Equal((2L, 3L, 1L), (v.Term, v.Index, v.LogTerm)));
    }

    [Fact]
    public void Candidate_with_a_majority_of_votes_becomes_leader_and_appends_a_noop()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        var messages = raw.BecomeLeader(2);

        Assert.Equal(RaftRole.Leader, raw.Node.Role);
        var appends = messages.Where(m => m.Type == MessageType.Append).ToList();
        Assert.Equal(2, appends.Count);
        Assert.All(appends, a => Assert.Equal(EntryType.Noop, Assert.Single(a.Entries).Type));
    }

    [Fact]
    public void Candidate_rejected_by_a_majority_returns_to_follower()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        raw.Node.Campaign();
        raw.Drain();
        raw.Step(new Message(MessageType.VoteResponse, 2, 1, 2) { Reject = true });
        raw.Step(new Message(MessageType.VoteResponse, 3, 1, 2) { Reject = true });

        Assert.Equal(RaftRole.Follower, raw.Node.Role);
        Assert.Equal(2, raw.Node.Term);
    }

    [Fact]
    public void Candidate_steps_down_on_append_from_a_leader_of_its_term()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        raw.Node.Campaign();
        raw.Drain();
        raw.Step(new Message(MessageType.Append, 2, 1, 2) { Index = 1, LogTerm = 1 });

        Assert.Equal(RaftRole.Follower, raw.Node.Role);
        Assert.Equal(2UL, raw.Node.Leader);
    }

    [Fact]
    public void Candidate_starts_a_new_election_when_its_election_times_out()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        raw.Node.Campaign();
        raw.Drain();
        var messages = new List<Message>();
        for (var i = 0; i < 20 && raw.Node.Term == 2; i++)
        {
            raw.Node.Tick();
            messages.AddRange(raw.Drain());
        }

        Assert.Equal(RaftRole.Candidate, raw.Node.Role);
        Assert.Equal(3, raw.Node.Term);
        Assert.Contains(messages, m => m.Type == MessageType.Vote && m.Term == 3);
    }

    [Fact]
    public void Any_server_seeing_a_higher_term_adopts_it_and_becomes_follower()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        raw.BecomeLeader(2);
        raw.Step(new Message(MessageType.AppendResponse, 3, 1, 9) { Reject = true });

        Assert.Equal(RaftRole.Follower, raw.Node.Role);
        Assert.Equal(9, raw.Node.Term);
        Assert.Equal(new HardState(9, 0, raw.Node.Status.Commit), raw.Storage.HardState);
    }

    [Fact]
    public void Vote_is_refused_for_a_stale_term()
    {
        var raw = new RawNode(1, Three, hardState: new HardState(5, 0, 1), configure: NoPreVote);
        var response = Assert.Single(raw.Step(new Message(MessageType.Vote, 2, 1, 4) { Index = 10, LogTerm = 4 }));

        Assert.Equal(MessageType.VoteResponse, response.Type);
        Assert.True(response.Reject);
        Assert.Equal(5, response.Term);
    }

    [Fact]
    public void Vote_is_granted_once_per_term_and_persisted_before_the_answer()
    {
        var raw = new RawNode(1, Three, configure: NoPreVote);
        raw.Node.Step(new Message(MessageType.Vote, 2, 1, 2) { Index = 1, LogTerm = 1 });
        var ready = raw.Node.GetReady();
        Assert.Equal(new HardState(2, 2, 1), ready.HardState);
        Assert.False(Assert.Single(ready.Messages).Reject);
        raw.Storage.SetHardState(ready.HardState!.Value);
        raw.Storage.Sync();
        raw.Node.Advance(ready);

        var second = Assert.Single(raw.Step(new Message(MessageType.Vote, 3, 1, 2) { Index = 1, LogTerm = 1 }));
        Assert.True(second.Reject);
        var again = Assert.Single(raw.Step(new Message(MessageType.Vote, 2, 1, 2) { Index = 1, LogTerm = 1 }));
        Assert.False(again.Reject);
    }

    [Theory]
    [InlineData(4, 3, true)] // same last term, longer log
    [InlineData(3, 3, true)] // identical
    [InlineData(2, 3, false)] // same last term, shorter log
    [InlineData(9, 2, false)] // older last term, however long
    [InlineData(2, 4, true)] // newer last term, even if shorter
    public void Vote_is_granted_only_to_a_log_at_least_as_up_to_date(long candidateLastIndex, long candidateLastTerm, bool granted)
    {
        // Our log: index 1 (term 1), 2 (term 2), 3 (term 3).
        var raw = new RawNode(1, Three, [2, 3], configure: NoPreVote);
        var response = Assert.Single(raw.Step(new Message(MessageType.Vote, 2, 1, 5) { Index = candidateLastIndex, LogTerm = candidateLastTerm }));

        Assert.Equal(!granted, response.Reject);
    }

    [Fact]
    public void Pre_vote_changes_neither_term_nor_vote()
    {
        var raw = new RawNode(1, Three);
        var response = Assert.Single(raw.Step(new Message(MessageType.PreVote, 2, 1, 2) { Index = 1, LogTerm = 1 }));

        Assert.Equal(MessageType.PreVoteResponse, response.Type);
        Assert.False(response.Reject);
        Assert.Equal(2, response.Term);
        Assert.Equal(new HardState(1, 0, 1), raw.Storage.HardState);
    }

    [Fact]
    public void Pre_candidate_keeps_its_term_until_a_quorum_grants_the_pre_vote()
    {
        var raw = new RawNode(1, Three);
        raw.Node.Campaign();
        var preVotes = raw.Drain();

        Assert.Equal(RaftRole.PreCandidate, raw.Node.Role);
        Assert.Equal(1, raw.Node.Term);
        Assert.All(preVotes, m => Assert.Equal((MessageType.PreVote, 2L), (m.Type, m.Term)));

        var votes = raw.Step(new Message(MessageType.PreVoteResponse, 2, 1, 2));
        Assert.Equal(RaftRole.Candidate, raw.Node.Role);
        Assert.Equal(2, raw.Node.Term);
        Assert.Equal(2, votes.Count(m => m.Type == MessageType.Vote));
    }

    [Fact]
    public void Follower_with_a_live_leader_ignores_vote_requests_within_the_lease()
    {
        var raw = new RawNode(2, Three);
        raw.Step(new Message(MessageType.Heartbeat, 1, 2, 1));

        Assert.Empty(raw.Step(new Message(MessageType.PreVote, 3, 2, 2) { Index = 1, LogTerm = 1 }));
        Assert.Empty(raw.Step(new Message(MessageType.Vote, 3, 2, 2) { Index = 1, LogTerm = 1 }));
        Assert.Equal(1, raw.Node.Term);
        Assert.Equal(1UL, raw.Node.Leader);
    }

    [Fact]
    public void Leader_without_quorum_contact_steps_down_after_an_election_timeout()
    {
        var raw = new RawNode(1, Three);
        raw.BecomeLeader(2, 3);
        for (var i = 0; i < 25 && raw.Node.Role == RaftRole.Leader; i++)
        {
            raw.Node.Tick();
            raw.Drain();
        }

        Assert.Equal(RaftRole.Follower, raw.Node.Role);
    }

    [Fact]
    public void Leader_with_quorum_contact_stays_leader()
    {
        var raw = new RawNode(1, Three);
        raw.BecomeLeader(2, 3);
        for (var i = 0; i < 50; i++)
        {
            raw.Node.Tick();
            foreach (var heartbeat in raw.Drain().Where(m => m.Type == MessageType.Heartbeat && m.To == 2))
            {
                raw.Step(new Message(MessageType.HeartbeatResponse, 2, 1, heartbeat.Term));
            }
        }

        Assert.Equal(RaftRole.Leader, raw.Node.Role);
    }

    [Fact]
    public void Rejoining_partitioned_node_does_not_depose_a_healthy_leader()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        var term = leader.Raft.Term;
        cluster.Isolate(3);

        // While cut off, node 3 times out again and again; pre-vote keeps its term from growing.
        cluster.TickAll(100);
        Assert.Equal(term, cluster[3].Raft.Term);

        cluster.Heal();
        cluster.TickAll(50);

        Assert.Equal(RaftRole.Leader, leader.Raft.Role);
        Assert.Equal(term, leader.Raft.Term);
        Assert.Equal(1UL, cluster[3].Raft.Leader);
    }

    [Fact]
    public void Without_pre_vote_a_rejoining_node_with_a_higher_term_is_still_held_off_by_the_lease()
    {
        var cluster = new TestCluster(3, o => o.PreVote = false);
        var leader = cluster.Elect(1);
        cluster.Isolate(3);
        cluster.TickAll(60);
        Assert.True(cluster[3].Raft.Term > leader.Raft.Term);

        cluster.Heal();
        cluster.TickAll(60);

        // The stale-term answers make the old leader adopt the higher term, but a leader is elected again
        // and every node agrees on it.
        var current = cluster.Leader!;
        Assert.All(cluster.Nodes.Values, n => Assert.Equal(current.Id, n.Raft.Leader));
    }

    [Fact]
    public void Learner_never_campaigns()
    {
        var raw = new RawNode(4, Three, learners: [4]);
        for (var i = 0; i < 100; i++)
        {
            raw.Node.Tick();
        }

        Assert.Empty(raw.Drain());
        Assert.Equal(RaftRole.Follower, raw.Node.Role);
        Assert.False(raw.Node.Campaign());
    }

    [Fact]
    public void Stale_term_append_is_answered_with_the_current_term()
    {
        var raw = new RawNode(1, Three, hardState: new HardState(5, 0, 1));
        var response = Assert.Single(raw.Step(new Message(MessageType.Append, 2, 1, 3) { Index = 1, LogTerm = 1 }));

        Assert.Equal(MessageType.AppendResponse, response.Type);
        Assert.Equal(5, response.Term);
    }

    [Fact]
    public void Single_voter_elects_itself()
    {
        var cluster = new TestCluster(1);
        cluster.TickAll(30);

        Assert.Equal(RaftRole.Leader, cluster[1].Raft.Role);
    }
}
