using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Snapshots;
using RaftTower.StateMachine.Faster;
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
    private SnapshotWork? _snapshotWork;

    /// <summary>
    /// A snapshot being taken on a worker: its metadata, when it started, <paramref name="Checkpointed"/> (done once the
    /// store is checkpointed and frozen: the worker no longer needs it) and <paramref name="Work"/> (the file's length
    /// once it is written). <see cref="StoreReleased"/> is set on the loop when it takes the store back.
    /// </summary>
    private sealed record SnapshotWork(SnapshotMetadata Metadata, long Started, Task<SnapshotHold> Checkpointed, Task<long> Work)
    {
        public bool StoreReleased { get; set; }
    }

    /// <summary>How long a snapshot held apply (from its start to the end of its checkpoint) and what the checkpoint did.</summary>
    private sealed record SnapshotHold(TimeSpan Held, CheckpointInfo? Checkpoint);

    /// <summary>True while a snapshot's worker owns the store (its checkpoint): nothing may be applied or read.</summary>
    private bool StoreHeldBySnapshot => _snapshotWork is { StoreReleased: false };

    private FileSnapshotStore Snapshots => _snapshots ??= new FileSnapshotStore(Path.Combine(_options.DataDir, "snapshots"));

    /// <summary>Takes a snapshot when enough entries were applied since the last one (and none is being taken).</summary>
    private void MaybeSnapshot()
    {
        if (_snapshotWork is not null || _applied - Math.Max(_lastSnapshotIndex, _log.Snapshot.Index) < _options.SnapshotIntervalEntries)
        {
            return;
        }

        TakeSnapshot();
    }

    /// <summary>
    /// Starts a snapshot at <c>_applied</c> on a worker thread: checkpoints the store (a restart then starts there),
    /// freezes its records as they are, hands the store back to the loop (<see cref="SnapshotCheckpointedEvent"/>)
    /// and writes the snapshot file that lagging followers receive from the frozen records; <see cref="CompleteSnapshot"/>
    /// then compacts the log up to it on the loop — in that order, so a crash between the steps loses nothing.
    /// </summary>
    /// <remarks>
    /// While the worker checkpoints, it owns the store: the loop keeps doing everything but apply — it appends,
    /// syncs, replicates and acknowledges — and queues committed entries (<see cref="_applyQueue"/>), holds reads and
    /// skips expiry lookups; anything else that needs the store first waits for it (<see cref="AwaitStore"/>). Nothing
    /// is applied in between, so the checkpoint and the frozen records are exactly the state at the index the metadata
    /// names. The file is then written from the frozen records while the loop applies again (FASTER appends every later
    /// change above the frozen part of its log), so apply waits for the checkpoint only, not for the file.
    /// </remarks>
    private void TakeSnapshot()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = _applied;
        var metadata = new SnapshotMetadata(index, _log.Term(index), _raft.Config, _lastAppliedTimestamp);
        _log.Sync(); // the commit index covering `index` may not be durable yet (see NeedsSync)
        var snapshots = Snapshots;
        var store = _store;
        var checkpointed = new TaskCompletionSource<SnapshotHold>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Task.Factory.StartNew(
            () =>
            {
                FasterKeyValueStore.FrozenRecords frozen;
                try
                {
                    store.Checkpoint();
                    frozen = store.Freeze();
                }
                catch (Exception e)
                {
                    checkpointed.TrySetException(e);
                    throw;
                }

                using (frozen)
                {
                    frozen.Pace = PaceFileWrite();
                    checkpointed.TrySetResult(new SnapshotHold(System.Diagnostics.Stopwatch.GetElapsedTime(started), store.LastCheckpoint));
                    using var file = snapshots.Create(metadata);
                    StoreSnapshot.Write(frozen, file);
                    return file.Commit().Length;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        _snapshotWork = new SnapshotWork(metadata, started, checkpointed.Task, work);
        _ = checkpointed.Task.ContinueWith(
            done => Post(new SnapshotCheckpointedEvent(done)), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _ = work.ContinueWith(_ => Post(new SnapshotWrittenEvent(work)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Paces the worker while it writes a snapshot file alongside apply: after each 2 ms of work it sleeps 2 ms, so the
    /// file (a scan of the store's whole log, then reads of every live value) does not take a core from the loop in
    /// one burst. On this project's 2-core benchmark machine (put, 256 clients) that kept most of the p99.9 gain of
    /// writing the file during apply and lowered the p99 it had cost (bench/README.md, item 3); the file takes
    /// ~100–150 ms longer, which only delays the log compaction that waits for it.
    /// </summary>
    private static Action PaceFileWrite()
    {
        var slice = System.Diagnostics.Stopwatch.StartNew();
        return () =>
        {
            if (slice.ElapsedMilliseconds >= 2)
            {
                Thread.Sleep(2);
                slice.Restart();
            }
        };
    }

    /// <summary>On the loop, once the worker has checkpointed and frozen the store: the loop takes it back.</summary>
    private void ReleaseStore()
    {
        if (_snapshotWork is not { StoreReleased: false } snapshot)
        {
            return;
        }

        snapshot.StoreReleased = true;
        NodeMetrics.SnapshotApplyHeld(snapshot.Checkpointed.Result.Held);
        ApplyQueued();
        ServeAppliedReads();
    }

    /// <summary>
    /// On the loop, once the worker has ended: the snapshot file and the store's checkpoint are durable, so the log may
    /// be compacted up to it; then the queued entries are applied and the waiting reads served. A failed snapshot
    /// throws here, which stops the node (fail-stop, as when it ran on the loop).
    /// </summary>
    private void CompleteSnapshot()
    {
        if (_snapshotWork is not { } snapshot)
        {
            return;
        }

        var bytes = snapshot.Work.GetAwaiter().GetResult();
        _snapshotWork = null;
        if (snapshot.Metadata.Index > _log.Snapshot.Index)
        {
            _log.Compact(snapshot.Metadata);
        }

        _lastSnapshotIndex = Math.Max(_lastSnapshotIndex, snapshot.Metadata.Index);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(snapshot.Started);
        var hold = snapshot.Checkpointed.Result;
        if (!snapshot.StoreReleased)
        {
            NodeMetrics.SnapshotApplyHeld(hold.Held);
        }

        NodeMetrics.SnapshotTaken(bytes, elapsed);
        _logger.SnapshotTaken(snapshot.Metadata.Index, bytes, elapsed.TotalMilliseconds, hold.Held.TotalMilliseconds, hold.Checkpoint?.ToString() ?? "no checkpoint");
        ApplyQueued();
        ServeAppliedReads();
    }

    /// <summary>Blocks the loop until a snapshot being taken is done and completed: before the store is replaced.</summary>
    private void AwaitSnapshot()
    {
        if (_snapshotWork is { } snapshot)
        {
            ((IAsyncResult)snapshot.Work).AsyncWaitHandle.WaitOne();
            CompleteSnapshot();
        }
    }

    /// <summary>Blocks the loop until a snapshot's worker no longer owns the store: for the rare steps that read it now.</summary>
    private void AwaitStore()
    {
        if (_snapshotWork is { StoreReleased: false } snapshot)
        {
            ((IAsyncResult)snapshot.Checkpointed).AsyncWaitHandle.WaitOne();
            if (snapshot.Checkpointed.IsCompletedSuccessfully)
            {
                ReleaseStore();
            }
            else
            {
                AwaitSnapshot(); // a failed checkpoint: completing it throws, which stops the node
            }
        }
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
        AwaitSnapshot(); // the store is replaced below: our own snapshot must be done with it
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
        _applyQueue.RemoveAll(entry => entry.Index <= metadata.Index);
        if (_applyQueue.Count > 0 && _applyQueue[0].Index != metadata.Index + 1)
        {
            throw new InvalidOperationException($"entries {_applyQueue[0].Index}.. are queued for apply, but the snapshot installed ends at {metadata.Index}");
        }

        _lastQueuedIndex = _applyQueue.Count > 0 ? _applyQueue[^1].Index : metadata.Index;
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
