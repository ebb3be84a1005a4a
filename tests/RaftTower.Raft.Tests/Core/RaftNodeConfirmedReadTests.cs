using System.Buffers.Binary;
using System.Text;
using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Core;

/// <summary>Follower-confirmed reads: a read with a confirm id waits for followers' ReadConfirm messages, not a heartbeat round.</summary>
public sealed class RaftNodeConfirmedReadTests
{
    private static ReadOnlyMemory<byte> Ctx(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Id(ulong id)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, id);
        return bytes;
    }

    private static Message Confirm(ulong from, long term, ulong id) => new(MessageType.ReadConfirm, from, 1, term) { Context = Id(id) };

    private static bool IsReadRound(Message m) => m.Type == MessageType.Heartbeat && m.ReadRound > 0;

    [Fact]
    public void A_followers_confirmation_serves_the_read_without_a_heartbeat_round()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);

        raw.Node.ReadIndex(Ctx("r"), confirmId: 42);
        Assert.DoesNotContain(raw.Drain(), IsReadRound);
        Assert.Empty(raw.ReadStates);
        Assert.True(raw.Node.HasUnsentReadRound);

        raw.Step(Confirm(2, raw.Node.Term, 42));

        var read = Assert.Single(raw.ReadStates);
        Assert.Equal("r", Encoding.UTF8.GetString(read.Context.Span));
        Assert.Equal(raw.Node.Status.Commit, read.Index);
        Assert.Equal(1, raw.Node.ReadsConfirmedByFollowers);
        Assert.False(raw.Node.HasUnsentReadRound);
    }

    [Fact]
    public void A_confirmation_that_overtakes_its_read_is_kept_for_it()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        raw.Step(Confirm(3, raw.Node.Term, 7));
        Assert.Empty(raw.ReadStates);

        raw.Node.ReadIndex(Ctx("late"), confirmId: 7);
        Assert.DoesNotContain(raw.Drain(), IsReadRound);

        Assert.Single(raw.ReadStates);
        Assert.Equal(1, raw.Node.ReadsConfirmedByFollowers);
    }

    [Fact]
    public void Confirmations_of_another_id_from_a_learner_or_of_an_older_term_do_not_count()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3], learners: [4]);
        var term = raw.Node.Term;
        raw.Node.ReadIndex(Ctx("r"), confirmId: 42);
        raw.Drain();

        raw.Step(Confirm(2, term, 43));
        raw.Step(Confirm(4, term, 42));
        raw.Step(Confirm(3, term - 1, 42));
        raw.Step(new Message(MessageType.ReadConfirm, 2, 1, term) { Context = Id(42).AsMemory(0, 4) });
        Assert.Empty(raw.ReadStates);

        // The fallback: a heartbeat round, asked for by the host, confirms it the usual way.
        var round = Assert.Single(raw.Drain().Concat(Round(raw)), m => m.To == 2);
        raw.Step(new Message(MessageType.HeartbeatResponse, 2, 1, term) { ReadRound = round.ReadRound });
        Assert.Single(raw.ReadStates);
        Assert.Equal(0, raw.Node.ReadsConfirmedByFollowers);
    }

    private static List<Message> Round(RawNode raw)
    {
        raw.Node.ConfirmReadsByHeartbeat();
        var messages = raw.Drain();
        Assert.Equal(2, messages.Count(m => m.Type == MessageType.Heartbeat && m.To is 2 or 3 && m.ReadRound > 0));
        return messages.Where(m => m.Type == MessageType.Heartbeat).ToList();
    }

    [Fact]
    public void Five_voters_need_two_distinct_followers()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3, 4, 5]);
        raw.Node.ReadIndex(Ctx("r"), confirmId: 9);
        raw.Drain();

        raw.Step(Confirm(4, raw.Node.Term, 9));
        raw.Step(Confirm(4, raw.Node.Term, 9));
        Assert.Empty(raw.ReadStates);

        raw.Step(Confirm(5, raw.Node.Term, 9));
        Assert.Single(raw.ReadStates);
    }

    [Fact]
    public void An_unconfirmed_read_is_served_by_the_periodic_heartbeat_round()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        raw.Node.ReadIndex(Ctx("r"), confirmId: 5);
        raw.Drain();

        raw.Node.Tick();
        var heartbeat = Assert.Single(raw.Drain(), m => m.Type == MessageType.Heartbeat && m.To == 3);
        Assert.True(heartbeat.ReadRound > 0);
        Assert.False(raw.Node.HasUnsentReadRound);
        raw.Step(new Message(MessageType.HeartbeatResponse, 3, 1, raw.Node.Term) { ReadRound = heartbeat.ReadRound });

        Assert.Single(raw.ReadStates);
    }

    [Fact]
    public void A_confirmed_read_does_not_wait_for_an_earlier_unconfirmed_one()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        raw.Node.ReadIndex(Ctx("first"), confirmId: 1);
        raw.Node.ReadIndex(Ctx("second"), confirmId: 2);
        raw.Drain();

        raw.Step(Confirm(2, raw.Node.Term, 2));

        Assert.Equal("second", Encoding.UTF8.GetString(Assert.Single(raw.ReadStates).Context.Span));
        Assert.True(raw.Node.HasUnsentReadRound);
    }

    [Fact]
    public void Held_confirmations_are_forgotten_after_two_ticks_and_on_a_term_change()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        raw.Step(Confirm(2, raw.Node.Term, 11));
        raw.Node.Tick();
        raw.Node.Tick();
        raw.Drain();
        raw.Node.ReadIndex(Ctx("aged"), confirmId: 11);
        raw.Drain();
        Assert.Empty(raw.ReadStates);

        raw.Step(Confirm(2, raw.Node.Term, 12));
        raw.Step(new Message(MessageType.Heartbeat, 3, 1, raw.Node.Term + 1));
        Assert.Equal(RaftRole.Follower, raw.Node.Role);
        raw.BecomeLeader(1, 2, 3);
        raw.Step(new Message(MessageType.AppendResponse, 2, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });
        raw.Node.ReadIndex(Ctx("new term"), confirmId: 12);
        raw.Drain();

        Assert.Empty(raw.ReadStates);
        Assert.Equal(0, raw.Node.ReadsConfirmedByFollowers);
    }

    [Fact]
    public void Held_confirmations_are_bounded()
    {
        var raw = RawNode.CommittedLeader([1, 2, 3]);
        for (var id = 1UL; id <= RaftNode.MaxHeldConfirms + 10; id++)
        {
            raw.Step(Confirm(2, raw.Node.Term, id));
        }

        raw.Node.ReadIndex(Ctx("beyond"), confirmId: RaftNode.MaxHeldConfirms + 5);
        raw.Node.ReadIndex(Ctx("within"), confirmId: RaftNode.MaxHeldConfirms);
        raw.Drain();

        Assert.Equal("within", Encoding.UTF8.GetString(Assert.Single(raw.ReadStates).Context.Span));
    }

    [Fact]
    public void Only_a_follower_with_a_leader_sends_a_confirmation_in_its_term()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        Assert.False(leader.Raft.ConfirmRead(3));
        Assert.False(cluster[2].Raft.ConfirmRead(0));

        Assert.True(cluster[2].Raft.ConfirmRead(3));
        var sent = cluster[2].Process();
        var confirm = Assert.Single(sent, m => m.Type == MessageType.ReadConfirm);
        Assert.Equal((1UL, leader.Raft.Term), (confirm.To, confirm.Term));
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(confirm.Context.Span));

        var leaderless = new RawNode(1, [1, 2, 3]);
        Assert.False(leaderless.Node.ConfirmRead(3));
        Assert.Empty(leaderless.Drain());
    }

    [Fact]
    public void End_to_end_the_read_is_served_with_no_heartbeat_round_sent()
    {
        var cluster = new TestCluster(3);
        var leader = cluster.Elect(1);
        var write = cluster.Propose(leader, "w");
        cluster.Sent.Clear();

        leader.Raft.ReadIndex(Ctx("fast"), confirmId: 77);
        cluster[3].Raft.ConfirmRead(77);
        cluster.Stabilize();

        var read = Assert.Single(leader.ReadStates);
        Assert.Equal(write.Index, read.Index);
        Assert.DoesNotContain(cluster.Sent, IsReadRound);
    }

    [Fact]
    public void A_deposed_leader_cannot_serve_a_confirmed_read()
    {
        var (cluster, old, current) = TestCluster.WithIsolatedOldLeader();
        cluster.Propose(current, "after the partition");
        var follower = cluster.Nodes.Values.Single(n => n.Id != 1 && n.Id != current.Id);
        Assert.Equal(RaftRole.Leader, old.Raft.Role);

        // The client's confirmation reaches a follower of the new term: it goes to the new leader, not the old one.
        old.Raft.ReadIndex(Ctx("stale"), confirmId: 99);
        Assert.True(follower.Raft.ConfirmRead(99));
        cluster.Heal();
        cluster.Stabilize();

        Assert.Empty(old.ReadStates);
        Assert.Empty(current.ReadStates);
        Assert.Equal(0, current.Raft.ReadsConfirmedByFollowers);
    }
}
