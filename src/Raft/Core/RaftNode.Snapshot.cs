using RaftTower.Raft.Core.Internal;

namespace RaftTower.Raft.Core;

/// <summary>
/// Snapshots (§7): a follower that needs compacted entries gets an InstallSnapshot; the data itself travels in chunks
/// through the transport (etcd-style: the core only says "send the snapshot to X" and learns the outcome from
/// <see cref="ReportSnapshot"/>).
/// </summary>
public sealed partial class RaftNode
{
    /// <summary>Tells the leader how sending a snapshot to <paramref name="peer"/> ended.</summary>
    public void ReportSnapshot(ulong peer, SnapshotStatus status)
    {
        if (_role != RaftRole.Leader || !_progress.TryGetValue(peer, out var progress) || progress.State != ProgressState.Snapshot)
        {
            return;
        }

        if (status == SnapshotStatus.Failed)
        {
            progress.AbortSnapshot();
        }

        // Probe after the snapshot; wait for the follower's answer (or a heartbeat response) before the next probe.
        progress.BecomeProbe();
        progress.ProbeSent = true;
    }

    private bool SendSnapshot(ulong to, Progress progress)
    {
        if (!progress.RecentActive)
        {
            return false; // Do not ship a snapshot to a node that may be down.
        }

        var snapshot = _storage.Snapshot;
        if (snapshot.Index == 0)
        {
            throw new InvalidOperationException($"Entries before {_log.FirstIndex} are compacted but storage has no snapshot.");
        }

        Send(new Message(MessageType.InstallSnapshot, Id, to, _term) { Snapshot = snapshot });
        progress.BecomeSnapshot(snapshot.Index);
        return true;
    }

    /// <summary>InstallSnapshot receiver (§7): replace the log unless it already holds the snapshot's last entry.</summary>
    private void HandleSnapshot(Message m)
    {
        var snapshot = m.Snapshot ?? throw new ArgumentException("InstallSnapshot without snapshot metadata.", nameof(m));
        if (snapshot.Index <= _log.Committed)
        {
            Send(new Message(MessageType.AppendResponse, Id, m.From, _term) { Index = _log.Committed });
            return;
        }

        if (_log.MatchTerm(snapshot.Index, snapshot.Term))
        {
            // The log already holds the snapshot's last entry: keep the log, just learn that it is committed.
            _log.CommitTo(snapshot.Index);
        }
        else
        {
            _log.Restore(snapshot);
            RestoreConfig(snapshot.Config);
        }

        Send(new Message(MessageType.AppendResponse, Id, m.From, _term) { Index = _log.LastIndex });
    }
}
