using RaftTower.Raft.Core;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Cluster;

/// <summary>The request side: client writes, linearizable reads and control operations.</summary>
internal sealed partial class ClusterNode
{
    /// <summary>Appends an encoded write to the log and returns its result once applied here.</summary>
    /// <remarks>
    /// A write that is not answered (cancellation, node stop) may still be applied later; the session header inside
    /// the command makes a retry safe.
    /// </remarks>
    public Task<NodeReply> ProposeAsync(byte[] command)
    {
        var reply = new TaskCompletionSource<NodeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ProposeEvent(command, reply));
        return reply.Task;
    }

    /// <summary>
    /// Answers a query linearizably (ReadIndex, thesis §6.4): only the leader serves reads. A non-zero
    /// <paramref name="confirmId"/> (the client's <c>read_confirm</c>) lets a read that starts a round alone be confirmed
    /// by followers' <see cref="ConfirmRead"/> instead of a heartbeat round.
    /// </summary>
    public Task<NodeReply> ReadAsync(TowerCommand query, ulong confirmId = 0)
    {
        var reply = new TaskCompletionSource<NodeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ReadEvent(query, reply, confirmId));
        return reply.Task;
    }

    /// <summary>
    /// <c>Tower/ConfirmRead</c>: on a follower that knows its leader, tells the leader (on the loop, without waiting)
    /// that it still follows it, naming <paramref name="readId"/>. Returns whether, as of the last loop turn, this
    /// node follows a known leader (the confirmation then goes out); false on a leader, a candidate or a node that
    /// knows no leader, and for id 0.
    /// </summary>
    public bool ConfirmRead(ulong readId)
    {
        var status = _status;
        if (readId == 0 || status.Role != nameof(RaftRole.Follower) || status.LeaderId == 0)
        {
            return false;
        }

        Post(new ConfirmReadEvent(readId));
        return true;
    }

    /// <summary>Posts the writes and reads held by <paramref name="batch"/> as one event (see <see cref="RequestBatch"/>).</summary>
    public void Submit(RequestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Requests.Count > 0)
        {
            Post(new RequestBatchEvent(batch.Requests));
        }
    }

    /// <summary>Runs <paramref name="action"/> on the loop (membership changes, leadership transfer).</summary>
    public Task<NodeReply> ControlAsync(Func<ClusterNode, NodeReply> action)
    {
        var reply = new TaskCompletionSource<NodeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ControlEvent(action, reply));
        return reply.Task;
    }

    private void Handle(LoopEvent e)
    {
        switch (e)
        {
            case TickEvent:
                _raft.Tick();
                break;
            case InboundEvent inbound:
                Receive(inbound.Inbound);
                break;
            case UnreachableEvent unreachable:
                _raft.ReportUnreachable(unreachable.Peer);
                break;
            case SnapshotSentEvent sent:
                _raft.ReportSnapshot(sent.Peer, sent.Status);
                break;
            case ExpiryEvent:
                ProposeDueExpirations();
                break;
            case SnapshotWrittenEvent written when _snapshotWork is { } work && work.Work == written.Work:
                CompleteSnapshot();
                break;
            case SnapshotWrittenEvent:
                break; // already completed by AwaitSnapshot
            case SnapshotCheckpointedEvent checkpointed when _snapshotWork is { } work && work.Checkpointed == checkpointed.Checkpointed:
                ReleaseStore();
                break;
            case SnapshotCheckpointedEvent:
                break; // already released by AwaitStore, or the snapshot completed
            case ConfirmReadEvent confirm:
                _raft.ConfirmRead(confirm.ReadId);
                break;
            case ReadRoundOverdueEvent:
                _raft.ConfirmReadsByHeartbeat();
                break;
            case ControlEvent control:
                control.Reply.TrySetResult(control.Action(this));
                break;
            default:
                throw new InvalidOperationException($"unexpected event {e.GetType().Name}");
        }
    }

    /// <summary>Collects a client request for this loop turn; a batch's requests are taken one by one, in order.</summary>
    private static void TakeRequest(LoopEvent e, List<ProposeEvent> proposals, List<ReadEvent> reads)
    {
        switch (e)
        {
            case ProposeEvent propose:
                proposals.Add(propose);
                break;
            case ReadEvent read:
                reads.Add(read);
                break;
            case RequestBatchEvent batch:
                foreach (var request in batch.Requests)
                {
                    TakeRequest(request, proposals, reads);
                }

                break;
            default:
                throw new InvalidOperationException($"unexpected event {e.GetType().Name} among the client requests");
        }
    }

    private void ProposeBatch(List<ProposeEvent> proposals)
    {
        var data = new ReadOnlyMemory<byte>[proposals.Count];
        for (var i = 0; i < proposals.Count; i++)
        {
            data[i] = proposals[i].Command;
        }

        var result = _raft.ProposeBatch(data, DateTime.UtcNow.Ticks);
        if (!result.IsAccepted)
        {
            var reply = result.Status == ProposeStatus.NotLeader
                ? NodeReply.NotLeader(result.LeaderHint, result.Term)
                : NodeReply.Unavailable($"proposal refused: {result.Status}", result.LeaderHint, result.Term);
            foreach (var proposal in proposals)
            {
                proposal.Reply.TrySetResult(reply);
            }

            return;
        }

        for (var i = 0; i < proposals.Count; i++)
        {
            _proposals[result.Index + i] = new PendingProposal(result.Term, proposals[i].Reply);
        }
    }

    /// <summary>
    /// Reads wait for the next ReadIndex round: one round at a time, and every read that arrives while one is out joins
    /// the next (as etcd's read loop does). Under load a round then carries all the reads of one round trip, instead of
    /// one round — a heartbeat to every follower and their answers — per loop turn that happened to see a read.
    /// </summary>
    private void QueueReads(List<ReadEvent> reads)
    {
        if (_raft.Role != RaftRole.Leader)
        {
            foreach (var read in reads)
            {
                read.Reply.TrySetResult(NodeReply.NotLeader(_raft.Leader, _raft.Term));
            }

            return;
        }

        foreach (var read in reads)
        {
            _readsForNextRound.Add(new PendingRead(read.Query, read.Reply, read.ConfirmId));
        }
    }

    /// <summary>
    /// Starts a ReadIndex round for the queued reads, unless one is still out. The round goes to just enough followers
    /// to make a quorum (the core picks those that answered rounds most recently); if it is not confirmed within
    /// <see cref="ClusterNodeOptions.ReadRoundWait"/>, it goes to every follower. A read alone in its round with a
    /// client's confirm id waits for followers' confirmations instead of any heartbeat, for as long; reads that queue
    /// behind it have its round sent at once, so they never wait for confirmations that are not theirs.
    /// </summary>
    private void MaybeStartReadRound()
    {
        if (_readsForNextRound.Count == 0)
        {
            return;
        }

        if (_readsAwaitingIndex.Count > 0)
        {
            _raft.HastenReadRound();
            return;
        }

        var batch = _readsForNextRound.ToList();
        _readsForNextRound.Clear();
        if (_raft.Role != RaftRole.Leader)
        {
            foreach (var read in batch)
            {
                read.Reply.TrySetResult(NodeReply.NotLeader(_raft.Leader, _raft.Term));
            }

            return;
        }

        var id = ++_nextReadId;
        var confirmId = batch.Count == 1 ? batch[0].ConfirmId : 0;
        var result = _raft.ReadIndex(BitConverter.GetBytes(id), confirmId);
        if (result.Status != ReadIndexStatus.Accepted)
        {
            foreach (var read in batch)
            {
                read.Reply.TrySetResult(NodeReply.Unavailable("no leader to confirm the read", result.LeaderHint, _raft.Term));
            }

            return;
        }

        _readsAwaitingIndex[id] = batch;
        if (_raft.HasUnsentReadRound)
        {
            _readRoundTimer.Change(_options.ReadRoundWait, Timeout.InfiniteTimeSpan);
        }
    }

    private void TrackReadStates(IReadOnlyList<ReadState> readStates)
    {
        foreach (var state in readStates)
        {
            if (state.Context.Length == sizeof(ulong)
                && _readsAwaitingIndex.Remove(BitConverter.ToUInt64(state.Context.Span), out var batch))
            {
                foreach (var read in batch)
                {
                    _readsAwaitingApply.Add((state.Index, read));
                }
            }
        }
    }

    private void ServeAppliedReads()
    {
        if (_readsAwaitingApply.Count == 0 || StoreHeldBySnapshot)
        {
            return;
        }

        var readTime = Math.Max(DateTime.UtcNow.Ticks, _lastAppliedTimestamp);
        _readsAwaitingApply.RemoveAll(pending =>
        {
            if (pending.Index > _applied)
            {
                return false;
            }

            var answer = _stateMachine.Read(pending.Read.Query, readTime);
            pending.Read.Reply.TrySetResult(NodeReply.Ok(StateMachine.Codec.ResultCodec.Encode(answer), _raft.Term));
            return true;
        });
    }

    private void FailReadsOnLeadershipLoss()
    {
        foreach (var read in _readsAwaitingIndex.Values.SelectMany(batch => batch).Concat(_readsForNextRound))
        {
            read.Reply.TrySetResult(NodeReply.NotLeader(_raft.Leader, _raft.Term));
        }

        _readsAwaitingIndex.Clear();
        _readsForNextRound.Clear();
    }

    /// <summary>
    /// A node that stops leading may never learn what became of its uncommitted entries (it may even have been removed),
    /// so it answers them now. The writes may or may not commit under the new leader; clients retry with the same session
    /// header, which the state machine deduplicates.
    /// </summary>
    private void FailProposalsOnLeadershipLoss()
    {
        foreach (var proposal in _proposals.Values)
        {
            proposal.Reply.TrySetResult(NodeReply.Unavailable("leadership changed before the write was confirmed; retry with the same request id", _raft.Leader, _raft.Term));
        }

        _proposals.Clear();
    }

    private void FailAllPending(string reason)
    {
        foreach (var proposal in _proposals.Values)
        {
            proposal.Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
        }

        foreach (var read in _readsAwaitingIndex.Values.SelectMany(batch => batch))
        {
            read.Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
        }

        foreach (var (_, read) in _readsAwaitingApply)
        {
            read.Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
        }

        foreach (var read in _readsForNextRound)
        {
            read.Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
        }

        _readsForNextRound.Clear();

        _proposals.Clear();
        _readsAwaitingIndex.Clear();
        _readsAwaitingApply.Clear();
        while (_events.Reader.TryRead(out var e))
        {
            e.Fail(reason);
        }
    }
}
