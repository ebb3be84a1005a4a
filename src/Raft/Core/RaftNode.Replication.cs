using RaftTower.Raft.Core.Internal;

namespace RaftTower.Raft.Core;

/// <summary>Log replication (§5.3): proposals, pipelined appends with flow control, fast backoff and the commit rule.</summary>
public sealed partial class RaftNode
{
    private bool _pendingBroadcast;

    /// <summary>
    /// Appends <paramref name="data"/> to the leader's log. The entry's timestamp is
    /// max(<paramref name="timestamp"/>, the last entry's timestamp), so log time never goes backwards, even across
    /// leader changes. Appends to followers go out with the next ready batch, so proposals made together are batched.
    /// </summary>
    public ProposeResult Propose(ReadOnlyMemory<byte> data, long timestamp) => ProposeBatch([data], timestamp);

    /// <summary>Appends several entries at once (see <see cref="Propose"/>); the result carries the first index.</summary>
    public ProposeResult ProposeBatch(IReadOnlyList<ReadOnlyMemory<byte>> data, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("A proposal needs at least one entry.", nameof(data));
        }

        if (RefuseProposal() is { } refused)
        {
            return refused;
        }

        var first = _log.LastIndex + 1;
        var stamp = Math.Max(timestamp, _log.LastTimestamp);
        for (var i = 0; i < data.Count; i++)
        {
            _log.Append(new Entry(first + i, _term, EntryType.Normal, stamp, data[i]));
        }

        _pendingBroadcast = true;
        return new ProposeResult(ProposeStatus.Accepted, first, _term, Id);
    }

    private ProposeResult? RefuseProposal()
    {
        if (_role != RaftRole.Leader)
        {
            return new ProposeResult(ProposeStatus.NotLeader, 0, _term, _lead);
        }

        if (_leadTransferee != 0)
        {
            return new ProposeResult(ProposeStatus.TransferInProgress, 0, _term, Id);
        }

        return null;
    }

    /// <summary>Tells the leader that sending to <paramref name="peer"/> failed: stop pipelining and probe again.</summary>
    public void ReportUnreachable(ulong peer)
    {
        if (_role == RaftRole.Leader && _progress.TryGetValue(peer, out var progress) && progress.State == ProgressState.Replicate)
        {
            progress.BecomeProbe();
        }
    }

    private void ResetProgress()
    {
        _progress.Clear();
        foreach (var id in _config.Voters.Concat(_config.Learners))
        {
            if (id != Id)
            {
                _progress[id] = NewProgress(_config.Learners.Contains(id));
            }
        }
    }

    private Progress NewProgress(bool isLearner) =>
        new(_log.LastIndex + 1, isLearner, _options.MaxInflightMessages, _options.MaxInflightBytes);

    /// <summary>Sends entries (or a snapshot) to <paramref name="to"/>; false when nothing was sent.</summary>
    private bool SendAppend(ulong to, bool sendIfEmpty = true)
    {
        var progress = _progress[to];
        if (progress.IsPaused)
        {
            return false;
        }

        var prevIndex = progress.Next - 1;
        var prevTerm = _log.Term(prevIndex);
        var entries = _log.Entries(progress.Next, _log.LastIndex + 1, _options.MaxBytesPerAppend);
        if (prevTerm is null || entries is null)
        {
            return SendSnapshot(to, progress);
        }

        if (entries.Count == 0 && !sendIfEmpty)
        {
            return false;
        }

        Send(new Message(MessageType.Append, Id, to, _term)
        {
            Index = prevIndex,
            LogTerm = prevTerm.Value,
            Entries = entries,
            Commit = _log.Committed,
        });

        if (progress.State == ProgressState.Replicate && entries.Count > 0)
        {
            // Pipelining: assume delivery and move on; a rejection brings the follower back to probing.
            var last = entries[^1].Index;
            progress.OptimisticUpdate(last);
            progress.Inflights.Add(last, entries.Sum(e => (long)e.Size));
        }
        else if (progress.State == ProgressState.Probe)
        {
            progress.ProbeSent = true;
        }

        return true;
    }

    private void BroadcastAppend()
    {
        foreach (var id in _progress.Keys)
        {
            // One append even if empty (it carries the commit index), then fill the pipeline window.
            if (SendAppend(id))
            {
                while (SendAppend(id, sendIfEmpty: false))
                {
                }
            }
        }
    }

    private void BroadcastHeartbeat()
    {
        _readRoundSent = _readRound;
        _readRoundSentToQuorum = _readRound;
        foreach (var (id, progress) in _progress)
        {
            SendHeartbeat(id, progress);
        }
    }

    /// <summary>A heartbeat carrying the newest read round.</summary>
    private void SendHeartbeat(ulong to, Progress progress) =>
        Send(new Message(MessageType.Heartbeat, Id, to, _term)
        {
            // The commit sent is bounded by the follower's match: it may not hold later entries yet.
            Commit = Math.Min(progress.Match, _log.Committed),
            ReadRound = _readRound,
        });

    /// <summary>AppendEntries receiver (Figure 2).</summary>
    private void HandleAppend(Message m)
    {
        if (m.Index < _log.Committed)
        {
            // Everything up to our commit index matches the leader's log already (Log Matching).
            Send(new Message(MessageType.AppendResponse, Id, m.From, _term) { Index = _log.Committed });
            return;
        }

        var lastNew = _log.MaybeAppend(m.Index, m.LogTerm, m.Commit, m.Entries, out var firstNew);
        if (lastNew is { } last)
        {
            if (firstNew != 0)
            {
                OnEntriesAppended(firstNew, m.Entries);
            }

            Send(new Message(MessageType.AppendResponse, Id, m.From, _term) { Index = last });
            return;
        }

        // Rule 2: reject. Fast backoff: point the leader at the last index that can match, skipping whole terms
        // above the leader's term at m.Index.
        var hint = _log.FindConflictByTerm(Math.Min(m.Index, _log.LastIndex), m.LogTerm);
        Send(new Message(MessageType.AppendResponse, Id, m.From, _term)
        {
            Index = m.Index,
            Reject = true,
            RejectHint = hint,
            LogTerm = _log.Term(hint) ?? 0,
        });
    }

    private void HandleHeartbeat(Message m)
    {
        _log.CommitTo(m.Commit);
        Send(new Message(MessageType.HeartbeatResponse, Id, m.From, _term) { ReadRound = m.ReadRound });
    }

    private void HandleAppendResponse(Message m, Progress progress)
    {
        if (m.Reject)
        {
            var nextProbe = m.LogTerm > 0 ? _log.FindConflictByTerm(m.RejectHint, m.LogTerm) : m.RejectHint;
            if (progress.MaybeDecrTo(m.Index, nextProbe))
            {
                if (progress.State == ProgressState.Replicate)
                {
                    progress.BecomeProbe();
                }

                SendAppend(m.From);
            }

            return;
        }

        var wasPaused = progress.IsPaused;
        if (!progress.MaybeUpdate(m.Index))
        {
            return;
        }

        switch (progress.State)
        {
            case ProgressState.Probe:
                progress.BecomeReplicate();
                break;
            case ProgressState.Snapshot when progress.Match >= progress.PendingSnapshot:
                progress.BecomeProbe();
                progress.BecomeReplicate();
                break;
            case ProgressState.Replicate:
                progress.Inflights.FreeLE(m.Index);
                break;
            default:
                break;
        }

        if (MaybeCommit())
        {
            _pendingBroadcast = true;
        }
        else if (wasPaused)
        {
            SendAppend(m.From);
        }

        // Fill the pipeline window with whatever is not sent yet.
        while (_role == RaftRole.Leader && _progress.ContainsKey(m.From) && SendAppend(m.From, sendIfEmpty: false))
        {
        }

        if (_role == RaftRole.Leader && m.From == _leadTransferee && progress.Match == _log.LastIndex)
        {
            SendTimeoutNow(m.From);
        }
    }

    private void HandleHeartbeatResponse(Message m, Progress progress)
    {
        progress.ProbeSent = false;
        if (progress.State == ProgressState.Replicate && progress.Inflights.Full)
        {
            progress.Inflights.FreeFirst();
        }

        if (progress.Match < _log.LastIndex)
        {
            SendAppend(m.From);
        }

        if (m.ReadRound > progress.ReadRoundAcked)
        {
            progress.ReadRoundAcked = m.ReadRound;
            ReleaseConfirmedReads();
        }
    }

    /// <summary>
    /// Advances the commit index to the highest index stored on a quorum of voters, but only when that entry is of
    /// the current term (§5.4.2, the Figure 8 rule). The leader counts only what it has persisted itself.
    /// </summary>
    private bool MaybeCommit()
    {
        var voters = _config.Voters;
        if (_role != RaftRole.Leader || voters.Count == 0)
        {
            return false;
        }

        Span<long> matches = voters.Count <= 16 ? stackalloc long[voters.Count] : new long[voters.Count];
        for (var i = 0; i < voters.Count; i++)
        {
            matches[i] = voters[i] == Id ? _log.PersistedIndex : _progress.TryGetValue(voters[i], out var p) ? p.Match : 0;
        }

        matches.Sort();
        var quorumIndex = matches[voters.Count - ((voters.Count / 2) + 1)];
        if (!_log.MaybeCommit(quorumIndex, _term))
        {
            return false;
        }

        AfterCommit();
        return true;
    }

    private void AfterCommit()
    {
        if (_readsAwaitingCommit.Count > 0 && _log.Term(_log.Committed) == _term)
        {
            ServeReadsAwaitingCommit();
        }

        StepDownIfRemoved();
    }
}
