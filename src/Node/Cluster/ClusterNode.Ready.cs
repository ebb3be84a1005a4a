using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;

namespace RaftTower.Node.Cluster;

/// <summary>Processing one ready batch, in the order Raft requires (Figure 2; etcd raft's Ready contract).</summary>
internal sealed partial class ClusterNode
{
    private readonly Dictionary<ulong, List<Message>> _outbox = [];
    private HardState _syncedHardState;

    /// <summary>The last log index known durable (synced, or recovered at start), for <see cref="Apply"/> before a sync.</summary>
    private long _durableIndex;

    /// <summary>Committed entries taken from the core but not applied yet: a snapshot owns the store meanwhile.</summary>
    private readonly List<Entry> _applyQueue = [];

    /// <summary>The last entry taken for apply (applied or queued).</summary>
    private long _lastQueuedIndex;

    private void ProcessReady(Ready ready)
    {
        if (ready.Snapshot is { } snapshot)
        {
            InstallReceivedSnapshot(snapshot);
        }

        // A leader's AppendEntries and heartbeats go out before its own write, so the followers' fsyncs overlap the
        // leader's (thesis §10.2.1; etcd's server does the same). Safe: the leader counts itself towards a commit only
        // for entries it has persisted, because acknowledgements are stepped in a later loop turn, after this Sync.
        var leaderMessagesFirst = _raft.Role == RaftRole.Leader && ready.Snapshot is null;
        if (leaderMessagesFirst)
        {
            Send(ready.Messages);
        }

        // Committed entries that were already durable here before this batch are applied (and their clients answered,
        // and reads on them served) before this batch's fsync instead of after it, as etcd applies while it saves its
        // WAL: under load every answer used to wait for the next batch's fsync as well as its own.
        TrackReadStates(ready.ReadStates);
        if (ready.Snapshot is null)
        {
            Apply(ready.CommittedEntries, _durableIndex);
            ServeAppliedReads();
        }

        // Persist before anything that depends on it leaves the node (Figure 2: "respond after persisting").
        if (ready.Entries.Count > 0)
        {
            _log.Append(ready.Entries);
        }

        if (ready.HardState is { } hardState)
        {
            _log.SetHardState(hardState);
        }

        if (NeedsSync(ready))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _log.Sync();
            NodeMetrics.Fsync(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        _durableIndex = _log.LastIndex;

        if (!leaderMessagesFirst)
        {
            Send(ready.Messages);
        }

        Apply(ready.CommittedEntries, long.MaxValue);
        if (ready.Entries.Any(e => e.Type == EntryType.ConfigChange) || ready.CommittedEntries.Any(e => e.Type == EntryType.ConfigChange))
        {
            // A configuration takes effect when appended (thesis §4.1): connect to added members right away.
            RefreshPeers();
        }

        ServeAppliedReads();
        if (ready.SoftState is { } soft)
        {
            OnSoftStateChanged(soft);
        }

        _raft.Advance(ready);
        MaybeSnapshot();
    }

    /// <summary>
    /// Entries, a snapshot, a new term or a vote must be durable before the node answers; a hard state that only moves
    /// the commit index need not be (commitIndex is volatile state, Figure 2), so it rides along with the next fsync
    /// instead of costing one per commit. <see cref="TakeSnapshot"/> syncs before checkpointing the store, so the
    /// durable commit index never falls behind the state machine's durable applied index.
    /// </summary>
    private bool NeedsSync(Ready ready)
    {
        var durable = ready.Entries.Count > 0 || ready.Snapshot is not null;
        if (ready.HardState is { } state && (state.Term != _syncedHardState.Term || state.VotedFor != _syncedHardState.VotedFor))
        {
            durable = true;
        }

        if (ready.HardState is { } latest && durable)
        {
            _syncedHardState = latest;
        }

        return durable;
    }

    private void Send(IReadOnlyList<Message> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message.Type == MessageType.InstallSnapshot)
            {
                StartSnapshotTransfer(message);
                continue;
            }

            if (!_outbox.TryGetValue(message.To, out var list))
            {
                _outbox[message.To] = list = [];
            }

            list.Add(message);
        }

        foreach (var (peer, list) in _outbox)
        {
            if (list.Count == 0)
            {
                continue;
            }

            var sent = _transport.SendAsync(peer, list);
            if (!sent.IsCompletedSuccessfully || !sent.Result)
            {
                _raft.ReportUnreachable(peer);
            }

            list.Clear();
        }
    }

    /// <summary>
    /// Takes the entries after those already taken, up to <paramref name="upTo"/>, in order, and applies them — or
    /// keeps them queued while a snapshot's checkpoint owns the store (<see cref="TakeSnapshot"/>).
    /// </summary>
    private void Apply(IReadOnlyList<Entry> entries, long upTo)
    {
        foreach (var entry in entries)
        {
            if (entry.Index <= _lastQueuedIndex)
            {
                continue;
            }

            if (entry.Index > upTo)
            {
                break;
            }

            _applyQueue.Add(entry);
            _lastQueuedIndex = entry.Index;
        }

        ApplyQueued();
    }

    /// <summary>Applies the queued committed entries, unless a snapshot's checkpoint owns the store.</summary>
    private void ApplyQueued()
    {
        if (StoreHeldBySnapshot || _applyQueue.Count == 0)
        {
            return;
        }

        foreach (var entry in _applyQueue)
        {
            ApplyOne(entry);
        }

        _applyQueue.Clear();
    }

    private void ApplyOne(Entry entry)
    {
        // Every entry goes through the state machine so its applied index is the log's: configuration changes and
        // no-ops apply as empty commands (a recorded no-op), which keeps restarts and snapshots exact.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = _stateMachine.Apply(entry.Index, entry.Timestamp, entry.Type == EntryType.Normal ? entry.Data.Span : []);
        NodeMetrics.Applied(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _applied = entry.Index;
        _lastAppliedTimestamp = Math.Max(_lastAppliedTimestamp, entry.Timestamp);
        if (_proposals.Remove(entry.Index, out var pending))
        {
            // The entry at this index is ours only if it carries the term we proposed it in; otherwise a new
            // leader replaced it and the write was not applied under this attempt (safe to retry: exactly-once).
            pending.Reply.TrySetResult(entry.Term == pending.Term
                ? NodeReply.Ok(result, entry.Term)
                : NodeReply.Unavailable("leadership changed before the write committed; retry", _raft.Leader, _raft.Term));
        }
    }

    private void OnSoftStateChanged(SoftState soft)
    {
        _logger.RoleChanged(_options.Id, soft.Role.ToString(), soft.Leader, _raft.Term);
        NodeMetrics.RoleChanged(soft.Role);
        if (soft.Role != RaftRole.Leader)
        {
            FailReadsOnLeadershipLoss();
            FailProposalsOnLeadershipLoss();
        }
    }

    private void Receive(InboundMessage inbound)
    {
        if (_transport.IsFenced(inbound))
        {
            _logger.PeerMessageRejected(inbound.Message.From, $"{inbound.Message.Type} from before the member was added again (connection {inbound.Connection})");
            inbound.SnapshotData?.Dispose();
            return;
        }

        if (inbound.Message.Type == MessageType.InstallSnapshot)
        {
            _receivedSnapshot?.Dispose();
            _receivedSnapshot = inbound.SnapshotData;
        }

        try
        {
            _raft.Step(inbound.Message);
        }
        catch (ArgumentException e)
        {
            _logger.PeerMessageRejected(inbound.Message.From, e.Message);
        }
    }
}
