using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Snapshots;
using RaftTower.StateMachine.Snapshots;

namespace RaftTower.Node.Cluster;

/// <summary>
/// Snapshots and log compaction (Raft §7): every <c>SnapshotIntervalEntries</c> applied entries the state machine is
/// checkpointed locally, written as a snapshot file, and the log is compacted up to it; a follower that is too far
/// behind receives the newest snapshot file in chunks.
/// </summary>
internal sealed partial class ClusterNode
{
    private FileSnapshotStore? _snapshots;
    private Stream? _receivedSnapshot;
    private long _lastSnapshotIndex;
    private readonly HashSet<ulong> _snapshotTransfers = [];

    private FileSnapshotStore Snapshots => _snapshots ??= new FileSnapshotStore(Path.Combine(_options.DataDir, "snapshots"));

    /// <summary>Takes a snapshot when enough entries were applied since the last one.</summary>
    private void MaybeSnapshot()
    {
        if (_applied - Math.Max(_lastSnapshotIndex, _log.Snapshot.Index) < _options.SnapshotIntervalEntries)
        {
            return;
        }

        TakeSnapshot();
    }

    /// <summary>
    /// Checkpoints the store first (a restart then starts at <c>_applied</c>), then writes the snapshot file that
    /// lagging followers receive, and only then drops the log up to it: a crash between the steps loses nothing.
    /// </summary>
    private void TakeSnapshot()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = _applied;
        var metadata = new SnapshotMetadata(index, _log.Term(index), _raft.Config, _lastAppliedTimestamp);
        _log.Sync(); // the commit index covering `index` may not be durable yet (see NeedsSync)
        _store.Checkpoint();
        long bytes;
        using (var file = Snapshots.Create(metadata))
        {
            StoreSnapshot.Write(_store, file);
            bytes = file.Commit().Length;
        }

        _log.Compact(metadata);
        _lastSnapshotIndex = index;
        NodeMetrics.SnapshotTaken(bytes, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _logger.SnapshotTaken(index, bytes, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Streams the newest snapshot file to a follower in the background; the outcome comes back as an event.</summary>
    private void StartSnapshotTransfer(Message install)
    {
        var peer = install.To;
        if (!_snapshotTransfers.Add(peer))
        {
            return;
        }

        var latest = Snapshots.OpenLatest();
        if (latest.Snapshot is null)
        {
            _snapshotTransfers.Remove(peer);
            _raft.ReportSnapshot(peer, SnapshotStatus.Failed);
            return;
        }

        var opened = latest.Snapshot;
        var message = install with { Snapshot = opened.Metadata };
        _ = Task.Run(async () =>
        {
            var status = SnapshotStatus.Failed;
            try
            {
                status = await _transport.SendSnapshotAsync(peer, message, opened.Content, 1 << 20, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                _logger.SnapshotTransferFailed(peer, e.Message);
            }
            finally
            {
                opened.Dispose();
                Post(new ControlEvent(node =>
                {
                    node._snapshotTransfers.Remove(peer);
                    node._raft.ReportSnapshot(peer, status);
                    return default;
                }, new TaskCompletionSource<NodeReply>()));
            }
        });
    }

    /// <summary>
    /// Start-up rule: the store must be at least at the log's snapshot, or the entries in between are gone. The store is
    /// checkpointed before the log is compacted, so this only happens after a crash in the middle of installing a
    /// leader's snapshot; the newest snapshot file then brings the store (and, if newer, the log) forward.
    /// </summary>
    private void CatchUpStateMachineWithLog()
    {
        if (_stateMachine.AppliedIndex >= _log.Snapshot.Index)
        {
            return;
        }

        using var latest = Snapshots.OpenLatest().Snapshot;
        if (latest is null || latest.Metadata.Index < _log.Snapshot.Index)
        {
            throw new InvalidOperationException(
                $"the state machine in {_options.DataDir} is at index {_stateMachine.AppliedIndex} but the log is compacted up to " +
                $"{_log.Snapshot.Index} and no snapshot file covers it; the data directory is damaged (nothing was changed)");
        }

        RestoreStore(latest.Content);
        if (latest.Metadata.Index > _log.Snapshot.Index)
        {
            _log.InstallSnapshot(latest.Metadata);
        }
    }

    private void RestoreStore(Stream content)
    {
        _store.Clear();
        StoreSnapshot.Restore(content, _store);
        _stateMachine = CreateStateMachine();
        _store.Checkpoint();
    }

    /// <summary>Replaces the state machine by a snapshot the leader sent (its data arrived with the InstallSnapshot).</summary>
    private void InstallReceivedSnapshot(SnapshotMetadata metadata)
    {
        var data = _receivedSnapshot ?? throw new InvalidOperationException($"snapshot {metadata.Index} to install, but no data was received");
        _receivedSnapshot = null;
        using (data)
        {
            // The file first: if the node crashes while the store is being replaced, start-up restores from it.
            using (var file = Snapshots.Create(metadata))
            {
                data.CopyTo(file);
                file.Commit();
            }

            data.Position = 0;
            RestoreStore(data);
        }

        _log.InstallSnapshot(metadata);
        _applied = metadata.Index;
        _lastSnapshotIndex = metadata.Index;
        _lastAppliedTimestamp = Math.Max(_lastAppliedTimestamp, metadata.Timestamp);
        foreach (var index in _proposals.Keys.Where(i => i <= metadata.Index).ToList())
        {
            _proposals.Remove(index, out var pending);
            pending!.Reply.TrySetResult(NodeReply.Unavailable("replaced by a snapshot from the leader; retry", _raft.Leader, _raft.Term));
        }

        _logger.SnapshotInstalled(metadata.Index, metadata.Term);
    }
}
