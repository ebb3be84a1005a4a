using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Figure 2 AppendEntries receiver and leader rules, the §5.4.2 commit rule, pipelining, flow control, batching.</summary>
public sealed class RaftNodeReplicationTests
{
    private static readonly ulong[] Three = [1, 2, 3];

    private static Entry E(long index, long term, long timestamp = 0) => new(index, term, EntryType.Normal, timestamp, new[] { (byte)index, (byte)term });

    private static Message Append(long prevIndex, long prevTerm, long commit, params Entry[] entries) =>
        new(MessageType.Append, 1, 2, 5) { Index = prevIndex, LogTerm = prevTerm, Commit = commit, Entries = entries };

    [Fact]
    public void Follower_rejects_append_with_stale_term_and_keeps_its_log()
    {
        var raw = new RawNode(2, Three, [2], hardState: new HardState(5, 0, 1));
        var response = Assert.Single(raw.Step(new Message(MessageType.Append, 1, 2, 4) { Index = 2, LogTerm = 2, Entries = [E(3, 4)] }));

        Assert.Equal(5, response.Term);
        Assert.Equal(2, raw.Storage.LastIndex);
    }

    [Fact]
    public void Follower_rejects_append_whose_previous_entry_it_lacks_and_hints_where_to_resume()
    {
        // Our log: 1(t1) 2(t2) 3(t2) 4(t2). The leader asks after (6, t5): we hold nothing at 6.
        var raw = new RawNode(2, Three, [2, 2, 2], hardState: new HardState(5, 0, 1));
        var response = Assert.Single(raw.Step(Append(6, 5, 1, E(7, 5))));

        Assert.True(response.Reject);
        Assert.Equal(6, response.Index);
        Assert.Equal(4, response.RejectHint);
        Assert.Equal(2, response.LogTerm);
        Assert.Equal(4, raw.Storage.LastIndex);
    }

    [Fact]
    public void Follower_rejects_append_whose_previous_term_differs()
    {
        var raw = new RawNode(2, Three, [2, 3], hardState: new HardState(5, 0, 1));
        var response = Assert.Single(raw.Step(Append(3, 4, 1, E(4, 5))));

        Assert.True(response.Reject);
        Assert.Equal(3, raw.Storage.LastIndex);
    }

    [Fact]
    public void Follower_deletes_a_conflicting_entry_and_everything_after_it()
    {
        // Our log: 1(t1) 2(t2) 3(t3) 4(t3); the leader's has 3(t4).
        var raw = new RawNode(2, Three, [2, 3, 3], hardState: new HardState(5, 0, 1));
        var response = Assert.Single(raw.Step(Append(2, 2, 1, E(3, 4))));

        Assert.False(response.Reject);
        Assert.Equal(3, response.Index);
        Assert.Equal(3, raw.Storage.LastIndex);
        Assert.Equal(4, raw.Storage.Term(3));
    }

    [Fact]
    public void Follower_appends_only_new_entries_and_keeps_newer_ones_on_a_stale_append()
    {
        var raw = new RawNode(2, Three, [2, 2, 2], hardState: new HardState(5, 0, 1));

        // A delayed append carrying entries we already hold must not truncate what follows them.
        var response = Assert.Single(raw.Step(Append(1, 1, 1, E(2, 2))));
        Assert.Equal(2, response.Index);
        Assert.Equal(4, raw.Storage.LastIndex);

        raw.Step(Append(3, 2, 1, E(4, 2), E(5, 5)));
        Assert.Equal(5, raw.Storage.LastIndex);
        Assert.Equal(5, raw.Storage.Term(5));
    }

    [Fact]
    public void Follower_commits_up_to_min_of_leader_commit_and_last_new_entry()
    {
        var raw = new RawNode(2, Three, [], hardState: new HardState(5, 0, 1));
        raw.Step(Append(1, 1, 10, E(2, 5), E(3, 5)));

        Assert.Equal(3, raw.Node.Status.Commit);
        Assert.Equal([1L, 2L, 3L], raw.CommittedEntries.Select(e => e.Index));

        raw.Step(Append(3, 5, 3, E(4, 5)));
        Assert.Equal(3, raw.Node.Status.Commit);
    }

    [Fact]
    public void Follower_answers_an_append_only_after_the_entries_are_in_the_same_durable_batch()
    {
        var raw = new RawNode(2, Three, [], hardState: new HardState(5, 0, 1));
        raw.Node.Step(Append(1, 1, 1, E(2, 5)));
        var ready = raw.Node.GetReady();

        Assert.True(ready.MustSync);
        Assert.Equal(2, Assert.Single(ready.Entries).Index);
        Assert.Equal(2, Assert.Single(ready.Messages).Index);
    }

    [Fact]
    public void Leader_appends_a_proposal_and_replicates_it()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        var result = cluster.Propose(leader, "hello");

        Assert.Equal(ProposeStatus.Accepted, result.Status);
        Assert.All(cluster.Nodes.Values, n => Assert.Contains(n.Applied, a => a.Index == result.Index && a.Term == result.Term));
    }

    [Fact]
    public void Follower_refuses_proposals_with_a_leader_hint()
    {
        var cluster = new TestCluster(3);
        cluster.Elect(1);
        var result = cluster[2].Raft.Propose(new byte[] { 1 }, 0);

        Assert.Equal(ProposeStatus.NotLeader, result.Status);
        Assert.Equal(1UL, result.LeaderHint);
    }

    [Fact]
    public void Leader_backs_off_past_a_whole_conflicting_term_in_one_step()
    {
        // The follower holds 1(t1) then 2..6 of term 2 (from an old leader); the new leader has 1(t1) 2(t3)...
        var leader = new RawNode(1, Three, [3, 3, 3], hardState: new HardState(3, 0, 1));
        var appends = leader.BecomeLeader(2);
        Assert.Contains(appends, m => m.Type == MessageType.Append && m.To == 3);

        // Follower 3 rejects the probe after index 4 saying: my last index is 6 and its term is 2.
        var retry = leader.Step(new Message(MessageType.AppendResponse, 3, 1, leader.Node.Term) { Index = 4, Reject = true, RejectHint = 4, LogTerm = 2 });
        var next = Assert.Single(retry, m => m.Type == MessageType.Append && m.To == 3);

        // The leader's entries 2-4 are of term 3 > 2: none can match, so it resumes right after index 1.
        Assert.Equal(1, next.Index);
        Assert.Equal(1, next.LogTerm);
    }

    [Fact]
    public void Leader_pipelines_appends_without_waiting_for_acknowledgements()
    {
        var raw = new RawNode(1, Three);
        raw.BecomeLeader(2, 3);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });

        raw.Node.Propose(new byte[] { 1 }, 0);
        var first = raw.Drain().Where(m => m.Type == MessageType.Append && m.To == 2).ToList();
        raw.Node.Propose(new byte[] { 2 }, 0);
        var second = raw.Drain().Where(m => m.Type == MessageType.Append && m.To == 2).ToList();

        Assert.Single(first);
        var pipelined = Assert.Single(second);
        Assert.Equal(first[0].Entries[0].Index, pipelined.Index);
    }

    [Fact]
    public void Leader_stops_at_the_in_flight_window_until_acknowledged()
    {
        var raw = new RawNode(1, Three, configure: o => o.MaxInflightMessages = 2);
        raw.BecomeLeader(2, 3);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });

        var sent = new List<Message>();
        for (var i = 0; i < 5; i++)
        {
            raw.Node.Propose(new byte[] { (byte)i }, 0);
            sent.AddRange(raw.Drain().Where(m => m.Type == MessageType.Append && m.To == 2));
        }

        Assert.Equal(2, sent.Count);

        var resumed = raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = sent[^1].Entries[^1].Index });
        var rest = Assert.Single(resumed, m => m.Type == MessageType.Append && m.To == 2 && m.Entries.Count > 0);
        Assert.Equal(3, rest.Entries.Count);
    }

    [Fact]
    public void Leader_probes_one_append_at_a_time_after_a_rejection()
    {
        var raw = new RawNode(1, Three);
        var initial = raw.BecomeLeader(2, 3);
        Assert.Single(initial, m => m.Type == MessageType.Append && m.To == 3);
        var sent = new List<Message>();
        for (var i = 0; i < 3; i++)
        {
            raw.Node.Propose(new byte[] { (byte)i }, 0);
            sent.AddRange(raw.Drain().Where(m => m.Type == MessageType.Append && m.To == 3));
        }

        // Follower 3 never answered the first probe: nothing more goes out until it does (or a heartbeat answer).
        Assert.Empty(sent);
        var afterHeartbeat = raw.Step(new Message(MessageType.HeartbeatResponse, 3, 1, raw.Node.Term));
        Assert.Single(afterHeartbeat, m => m.Type == MessageType.Append && m.To == 3);
    }

    [Fact]
    public void Leader_batches_entries_up_to_the_message_size_limit()
    {
        var raw = new RawNode(1, Three, configure: o => o.MaxBytesPerAppend = 200);
        raw.BecomeLeader(2, 3);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });

        var payloads = Enumerable.Range(0, 10).Select(_ => (ReadOnlyMemory<byte>)new byte[68]).ToList();
        raw.Node.ProposeBatch(payloads, 0);
        var appends = raw.Drain().Where(m => m.Type == MessageType.Append && m.To == 2).ToList();

        Assert.Equal(5, appends.Count);
        Assert.All(appends, a => Assert.Equal(2, a.Entries.Count));
    }

    [Fact]
    public void Leader_commits_only_entries_of_its_term_by_counting_replicas()
    {
        // Our log: 1(t1) 2(t2). We win term 4 (after term 3 elsewhere) and append the no-op 3(t4).
        var raw = new RawNode(1, [1, 2, 3, 4, 5], [2], hardState: new HardState(3, 0, 1));
        raw.BecomeLeader(2, 3);
        Assert.Equal(4, raw.Node.Term);

        // Entry 2 (term 2) reaches a majority: 1, 2, 3. It must not commit (§5.4.2, Figure 8).
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, 4) { Index = 2 });
        raw.Step(new Message(MessageType.AppendResponse, 3, 1, 4) { Index = 2 });
        Assert.Equal(1, raw.Node.Status.Commit);

        // Once the no-op of term 4 is on a majority, both commit.
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, 4) { Index = 3 });
        raw.Step(new Message(MessageType.AppendResponse, 3, 1, 4) { Index = 3 });
        Assert.Equal(3, raw.Node.Status.Commit);
    }

    [Fact]
    public void Figure_8_an_old_term_entry_on_a_majority_is_not_committed_and_may_be_overwritten_safely()
    {
        var cluster = new TestCluster(5, o => { o.PreVote = false; o.CheckQuorum = false; });
        var s1 = cluster.Elect(1);
        Assert.Equal(RaftRole.Leader, s1.Raft.Role);
        var noop = s1.Raft.Status.LastIndex;

        // (a) S1 (term 2) replicates index noop+1 to S2 only.
        cluster.Drop = m => m.From == 1 && m.To is 3 or 4 or 5;
        var x = cluster.Propose(s1, "x");
        Assert.Equal(x.Index, cluster[2].Storage.LastIndex);

        // (b) S1 crashes; S5 wins term 3 with S3, S4 and appends at the same index, locally only.
        s1.Crash();
        cluster.Drop = m => m.From == 5 && m.Type == MessageType.Append;
        var s5 = cluster.Elect(5);
        Assert.Equal(RaftRole.Leader, s5.Raft.Role);
        Assert.Equal(x.Index, s5.Storage.LastIndex);

        // (c) S5 crashes; S1 restarts, wins term 4 and copies its old entry to S3 (not yet its own no-op).
        s5.Crash();
        s1.Restart();
        cluster.Drop = null;
        cluster.Transform = m => m.Type == MessageType.Append && m.From == 1
            ? m with { Entries = m.Entries.Where(e => e.Index <= x.Index).ToList() }
            : m;
        cluster.Elect(1);
        Assert.Equal(RaftRole.Leader, s1.Raft.Role);
        Assert.Equal(x.Term, cluster[3].Storage.Term(x.Index));

        // Index x is stored on S1, S2, S3 (a majority) but is of an older term: not committed, not applied.
        Assert.Equal(noop, s1.Raft.Status.Commit);
        Assert.All(cluster.Nodes.Values, n => Assert.DoesNotContain(n.Applied, a => a.Index == x.Index));

        // (d) S1 crashes before its term-4 entry spreads; S5 can win (its last term 3 beats 2) and overwrite index x.
        s1.Crash();
        s5.Restart();
        cluster.Transform = null;
        cluster.Elect(5);
        Assert.Equal(RaftRole.Leader, s5.Raft.Role);
        cluster.TickAll(3);
        foreach (var node in cluster.Nodes.Values.Where(n => !n.IsDown))
        {
            var applied = Assert.Single(node.Applied, a => a.Index == x.Index);
            Assert.NotEqual(x.Term, applied.Term);
        }
    }

    [Fact]
    public void Leader_counts_its_own_entries_only_once_persisted()
    {
        var cluster = new TestCluster(1);
        var leader = cluster.Elect(1);
        var result = leader.Raft.Propose(new byte[] { 7 }, 0);
        Assert.True(result.IsAccepted);

        var ready = leader.Raft.GetReady();
        Assert.Contains(ready.Entries, e => e.Index == result.Index);
        Assert.DoesNotContain(ready.CommittedEntries, e => e.Index == result.Index);
        Assert.True(leader.Raft.Status.Commit < result.Index);

        leader.Storage.Append(ready.Entries);
        leader.Storage.Sync();
        leader.Raft.Advance(ready);
        Assert.Equal(result.Index, leader.Raft.Status.Commit);
        Assert.Contains(leader.Raft.GetReady().CommittedEntries, e => e.Index == result.Index);
    }

    [Fact]
    public void Entry_timestamps_never_go_backwards_even_across_leader_changes()
    {
        var cluster = new TestCluster(3);
        var first = cluster.Elect(1);
        cluster.Propose(first, "a", timestamp: 1_000);
        var late = cluster.Propose(first, "b", timestamp: 500);

        Assert.Equal(TransferStatus.Started, first.Raft.TransferLeadership(2));
        cluster.Stabilize();
        var second = cluster[2];
        Assert.Equal(RaftRole.Leader, second.Raft.Role);
        var next = cluster.Propose(second, "c", timestamp: 700);

        var stamps = second.Applied.Select(a => a.Timestamp).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Equal(1_000, second.Applied.Single(a => a.Index == late.Index).Timestamp);
        Assert.Equal(1_000, second.Applied.Single(a => a.Index == next.Index).Timestamp);
        Assert.Equal(2_000, cluster.Propose(second, "d", timestamp: 2_000) is { IsAccepted: true } d
            ? second.Applied.Single(a => a.Index == d.Index).Timestamp : 0);
    }

    [Fact]
    public void Lost_appends_are_resent_after_a_heartbeat()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        cluster.Drop = m => m.Type == MessageType.Append && m.To == 3;
        var result = cluster.Propose(leader, "lost once");
        Assert.True(cluster[3].Storage.LastIndex < result.Index);

        cluster.Drop = null;
        cluster.TickAll(2);
        Assert.Contains(cluster[3].Applied, a => a.Index == result.Index);
    }

    [Fact]
    public void Step_rejects_a_message_for_another_node()
    {
        var raw = new RawNode(1, Three);
        var before = raw.Node.Status;

        Assert.Throws<ArgumentException>(() => raw.Node.Step(new Message(MessageType.Heartbeat, 2, 3, 9)));
        Assert.Equal(before, raw.Node.Status);
    }
}
