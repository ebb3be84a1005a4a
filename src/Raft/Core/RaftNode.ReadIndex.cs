using RaftTower.Raft.Core.Internal;

namespace RaftTower.Raft.Core;

/// <summary>
/// Linearizable reads without log writes (thesis §6.4): the leader records its commit index, confirms it still leads
/// with a quorum heartbeat round, and returns the index; followers forward the request to the leader.
/// </summary>
public sealed partial class RaftNode
{
    private readonly List<ReadRequest> _pendingReads = [];
    private readonly List<(ulong From, ReadOnlyMemory<byte> Context)> _readsAwaitingCommit = [];
    private readonly List<ReadState> _readStates = [];
    private long _readRound;

    /// <summary>
    /// Requests a linearizable read. When accepted, a <see cref="ReadState"/> carrying <paramref name="context"/>
    /// appears in a later ready batch; serve the read once the state machine has applied its index. A request is
    /// silently dropped when leadership changes first: callers time out and retry.
    /// </summary>
    public ReadIndexResult ReadIndex(ReadOnlyMemory<byte> context)
    {
        if (_role == RaftRole.Leader)
        {
            HandleReadIndexRequest(Id, context);
            return new ReadIndexResult(ReadIndexStatus.Accepted, Id);
        }

        if (_lead == 0)
        {
            return new ReadIndexResult(ReadIndexStatus.NoLeader, 0);
        }

        Send(new Message(MessageType.ReadIndex, Id, _lead, _term) { Context = context });
        return new ReadIndexResult(ReadIndexStatus.Accepted, _lead);
    }

    private void HandleReadIndexRequest(ulong from, ReadOnlyMemory<byte> context)
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
        _pendingReads.Add(new ReadRequest(_readRound, _log.Committed, context, from));
        BroadcastHeartbeat();
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

    /// <summary>Releases every read whose heartbeat round a quorum of voters (this leader included) has confirmed.</summary>
    private void ReleaseConfirmedReads()
    {
        var released = 0;
        while (released < _pendingReads.Count && RoundConfirmed(_pendingReads[released].Round))
        {
            Respond(_pendingReads[released]);
            released++;
        }

        _pendingReads.RemoveRange(0, released);
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
