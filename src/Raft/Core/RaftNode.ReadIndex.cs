using System.Buffers.Binary;
using RaftTower.Raft.Core.Internal;

namespace RaftTower.Raft.Core;

/// <summary>
/// Linearizable reads without log writes (thesis §6.4): the leader records its commit index, confirms it still leads
/// with a quorum heartbeat round, and returns the index; followers forward the request to the leader.
/// </summary>
/// <remarks>
/// <para>
/// A read's round goes first to just enough voters to make a quorum with the leader — those that answered read rounds
/// most recently — not to every follower: one heartbeat and one answer in a 3-node cluster instead of two and two,
/// and the other followers are not woken for it. The round reaches every voter with the next periodic heartbeat, or
/// sooner when the host calls <see cref="ConfirmReadsByHeartbeat"/> because the answers are late
/// (<see cref="HasUnsentReadRound"/>); a voter that stops answering therefore stops being chosen.
/// </para>
/// <para>
/// Follower-confirmed reads: a read requested with a confirm id waits for <see cref="MessageType.ReadConfirm"/>
/// messages naming that id instead of starting a heartbeat round. A client that invokes a read sends it to the leader
/// and, at the same time, asks a follower to confirm it (<see cref="ConfirmRead"/>); the follower's message reaches the
/// leader about when a heartbeat would only be leaving, which saves half a round trip per read sent alone.
/// </para>
/// <para>
/// Why it is linearizable: the id is fresh for each read, so every confirmation naming it was made after the read was
/// invoked, by a voter whose term was then this leader's term T (messages of other terms are not counted, and the
/// collected confirmations are dropped when the term changes); the leader itself took the read index while in term T,
/// after the invocation. A leader of a newer term can commit only after a quorum adopted that term; that quorum meets
/// {leader} ∪ confirmers, each still in T after the invocation, so nothing a newer term committed precedes the
/// invocation, and whatever terms up to T committed before it is at or below the read index (the leader's own entry of
/// T has committed first, §6.4 step 1). It is the heartbeat round's argument with the round trip replaced by the
/// confirmers' own messages. Reads whose confirmations do not come are confirmed by the next heartbeat round — the
/// periodic one, or one the host asks for with <see cref="ConfirmReadsByHeartbeat"/>.
/// </para>
/// </remarks>
public sealed partial class RaftNode
{
    /// <summary>Confirmations kept while their reads may still arrive (per generation; more are dropped).</summary>
    internal const int MaxHeldConfirms = 256;

    private readonly List<ReadRequest> _pendingReads = [];
    private readonly List<(ulong From, ReadOnlyMemory<byte> Context)> _readsAwaitingCommit = [];
    private readonly List<ReadState> _readStates = [];

    // ReadConfirm messages of the current term, (read id, voter): this tick's and the previous tick's, so a confirmation
    // that overtakes its read waits for it at least one tick and is forgotten after two.
    private List<(ulong Id, ulong Voter)> _confirms = [];
    private List<(ulong Id, ulong Voter)> _previousConfirms = [];
    private long _readRound;

    // The newest round sent to every voter (by any heartbeat), and the newest sent to at least a quorum's worth.
    private long _readRoundSent;
    private long _readRoundSentToQuorum;

    /// <summary>Reads this node served as leader on followers' confirmations rather than a heartbeat round.</summary>
    public long ReadsConfirmedByFollowers { get; private set; }

    /// <summary>Times <see cref="ConfirmReadsByHeartbeat"/> sent a waiting read round to every follower.</summary>
    public long ReadRoundsWidened { get; private set; }

    /// <summary>
    /// Requests a linearizable read. When accepted, a <see cref="ReadState"/> carrying <paramref name="context"/>
    /// appears in a later ready batch; serve the read once the state machine has applied its index. A request is
    /// silently dropped when leadership changes first: callers time out and retry.
    /// </summary>
    /// <param name="context">Returned unchanged in the <see cref="ReadState"/>.</param>
    /// <param name="confirmId">
    /// Zero, or on the leader a fresh id (made for this read after it was invoked, never used for another): then no
    /// heartbeat round starts for it, and it is confirmed by <see cref="MessageType.ReadConfirm"/> messages naming the
    /// id from enough voters (with this leader, a quorum) or by the next heartbeat round, whichever comes first.
    /// Ignored on a follower, which forwards the read.
    /// </param>
    public ReadIndexResult ReadIndex(ReadOnlyMemory<byte> context, ulong confirmId = 0)
    {
        if (_role == RaftRole.Leader)
        {
            HandleReadIndexRequest(Id, context, confirmId);
            return new ReadIndexResult(ReadIndexStatus.Accepted, Id);
        }

        if (_lead == 0)
        {
            return new ReadIndexResult(ReadIndexStatus.NoLeader, 0);
        }

        Send(new Message(MessageType.ReadIndex, Id, _lead, _term) { Context = context });
        return new ReadIndexResult(ReadIndexStatus.Accepted, _lead);
    }

    /// <summary>
    /// On a follower that knows its leader: tells the leader it still follows it in the current term, naming
    /// <paramref name="readId"/>. Returns false (and sends nothing) elsewhere.
    /// </summary>
    public bool ConfirmRead(ulong readId)
    {
        if (_role != RaftRole.Follower || _lead == 0 || readId == 0)
        {
            return false;
        }

        var context = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(context, readId);
        Send(new Message(MessageType.ReadConfirm, Id, _lead, _term) { Context = context });
        return true;
    }

    /// <summary>
    /// On the leader: sends the newest read round to every follower now if reads wait for a round not yet sent to all
    /// (their confirmations are late: a chosen voter is slow or gone, or followers' confirmations did not come).
    /// Does nothing otherwise.
    /// </summary>
    public void ConfirmReadsByHeartbeat()
    {
        if (HasUnsentReadRound)
        {
            ReadRoundsWidened++;
            BroadcastHeartbeat();
        }
    }

    /// <summary>
    /// On the leader: sends the newest read round to a quorum's worth of voters now if it went to none yet (reads
    /// waiting for followers' confirmations, when other reads queue behind them). Does nothing otherwise.
    /// </summary>
    public void HastenReadRound()
    {
        if (_role == RaftRole.Leader && _readRoundSentToQuorum < _readRound && _pendingReads.Count > 0)
        {
            SendReadRoundToQuorum();
        }
    }

    /// <summary>
    /// Reads wait for a round that has not been sent to every voter: the host should call
    /// <see cref="ConfirmReadsByHeartbeat"/> if they are still waiting a little later.
    /// </summary>
    public bool HasUnsentReadRound => _role == RaftRole.Leader && _readRoundSent < _readRound && _pendingReads.Count > 0;

    private void HandleReadIndexRequest(ulong from, ReadOnlyMemory<byte> context, ulong confirmId = 0)
    {
        if (_log.Term(_log.Committed) != _term)
        {
            // Thesis §6.4 step 1: until an entry of its term commits, the leader's commit index may be behind
            // what earlier leaders committed. The reads wait for the no-op to commit.
            _readsAwaitingCommit.Add((from, context));
            return;
        }

        if (_config.Voters.Count == 1 && _config.Voters[0] == Id)
        {
            Respond(new ReadRequest(_readRound, _log.Committed, context, from));
            return;
        }

        // Step 2-3: one heartbeat round proves that no newer leader existed when the read arrived.
        _readRound++;
        var read = new ReadRequest(_readRound, _log.Committed, context, from, confirmId);
        if (confirmId != 0 && from == Id)
        {
            // Followers' confirmations may have overtaken the read.
            if (ConfirmedByFollowers(read))
            {
                ReadsConfirmedByFollowers++;
                ForgetConfirms(confirmId);
                Respond(read);
                return;
            }

            _pendingReads.Add(read);
            return;
        }

        _pendingReads.Add(read);
        SendReadRoundToQuorum();
    }

    /// <summary>
    /// Sends the newest read round to the fewest voters that make a quorum with this leader, preferring those that
    /// confirmed the most recent rounds (then the lowest id, so the choice is stable).
    /// </summary>
    private void SendReadRoundToQuorum()
    {
        var voters = _config.Voters;
        var needed = (voters.Count / 2) + 1 - (voters.Contains(Id) ? 1 : 0);
        Span<ulong> chosen = stackalloc ulong[Math.Min(needed, 16)];
        if (needed > chosen.Length)
        {
            BroadcastHeartbeat();
            return;
        }

        var count = 0;
        while (count < needed)
        {
            ulong best = 0;
            Progress? bestProgress = null;
            foreach (var voter in voters)
            {
                if (voter == Id || chosen[..count].Contains(voter) || !_progress.TryGetValue(voter, out var progress))
                {
                    continue;
                }

                if (bestProgress is null
                    || progress.ReadRoundAcked > bestProgress.ReadRoundAcked
                    || (progress.ReadRoundAcked == bestProgress.ReadRoundAcked && voter < best))
                {
                    best = voter;
                    bestProgress = progress;
                }
            }

            if (bestProgress is null)
            {
                break;
            }

            chosen[count++] = best;
            SendHeartbeat(best, bestProgress);
        }

        _readRoundSentToQuorum = _readRound;
    }

    private void HandleReadConfirm(Message m)
    {
        if (m.Context.Length != sizeof(ulong) || !_config.Voters.Contains(m.From) || m.From == Id)
        {
            return;
        }

        var id = BinaryPrimitives.ReadUInt64LittleEndian(m.Context.Span);
        if (id == 0 || _confirms.Count >= MaxHeldConfirms)
        {
            return;
        }

        _confirms.Add((id, m.From));
        ReleaseConfirmedReads();
    }

    /// <summary>Once per leader tick: confirmations older than a tick are forgotten (their reads never came).</summary>
    private void AgeConfirms()
    {
        (_previousConfirms, _confirms) = (_confirms, _previousConfirms);
        _confirms.Clear();
    }

    /// <summary>A served read's confirmations are not needed again (its id is never reused).</summary>
    private void ForgetConfirms(ulong id)
    {
        if (id != 0)
        {
            _confirms.RemoveAll(confirm => confirm.Id == id);
            _previousConfirms.RemoveAll(confirm => confirm.Id == id);
        }
    }

    private void ClearConfirms()
    {
        _confirms.Clear();
        _previousConfirms.Clear();
    }

    /// <summary>True when distinct voters' confirmations of the read's id, with this leader, make a quorum.</summary>
    private bool ConfirmedByFollowers(ReadRequest read)
    {
        if (read.ConfirmId == 0)
        {
            return false;
        }

        var acks = 0;
        foreach (var voter in _config.Voters)
        {
            if (voter == Id || HasConfirm(_confirms, read.ConfirmId, voter) || HasConfirm(_previousConfirms, read.ConfirmId, voter))
            {
                acks++;
            }
        }

        return acks >= (_config.Voters.Count / 2) + 1;
    }

    private static bool HasConfirm(List<(ulong Id, ulong Voter)> confirms, ulong id, ulong voter)
    {
        foreach (var confirm in confirms)
        {
            if (confirm.Id == id && confirm.Voter == voter)
            {
                return true;
            }
        }

        return false;
    }

    private void ServeReadsAwaitingCommit()
    {
        var waiting = _readsAwaitingCommit.ToArray();
        _readsAwaitingCommit.Clear();
        foreach (var (from, context) in waiting)
        {
            HandleReadIndexRequest(from, context);
        }
    }

    /// <summary>
    /// Releases every read whose heartbeat round a quorum of voters (this leader included) has confirmed, or whose own
    /// confirmations make a quorum; in arrival order, except that a confirmed read does not wait for earlier ones.
    /// </summary>
    private void ReleaseConfirmedReads()
    {
        var released = 0;
        for (var i = 0; i < _pendingReads.Count; i++)
        {
            var read = _pendingReads[i];
            var byRound = RoundConfirmed(read.Round);
            if (byRound || ConfirmedByFollowers(read))
            {
                ReadsConfirmedByFollowers += byRound ? 0 : 1;
                ForgetConfirms(read.ConfirmId);
                Respond(read);
                released++;
            }
            else
            {
                _pendingReads[i - released] = read;
            }
        }

        _pendingReads.RemoveRange(_pendingReads.Count - released, released);
    }

    private bool RoundConfirmed(long round)
    {
        var acks = 0;
        foreach (var voter in _config.Voters)
        {
            if (voter == Id || (_progress.TryGetValue(voter, out var progress) && progress.ReadRoundAcked >= round))
            {
                acks++;
            }
        }

        return acks >= (_config.Voters.Count / 2) + 1;
    }

    private void Respond(ReadRequest read)
    {
        if (read.From == Id)
        {
            _readStates.Add(new ReadState(read.Index, read.Context));
        }
        else
        {
            Send(new Message(MessageType.ReadIndexResponse, Id, read.From, _term) { Index = read.Index, Context = read.Context });
        }
    }
}
