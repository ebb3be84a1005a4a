using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Storage.Wal;

/// <summary>
/// The production <see cref="IRaftLogStorage"/>: a segmented write-ahead log in one directory, modelled on etcd's
/// wal package and hashicorp/raft-wal. Entries, hard state and snapshot markers are CRC32C-checked records appended
/// to the newest segment file; reads are served from an in-memory index (and a cache of recent entries);
/// compaction deletes whole old segments. The format and the start-up repair rules are in docs/wal.md.
/// </summary>
/// <remarks>
/// Single-threaded like the interface: one caller at a time. Writes reach the OS when a method returns and the
/// device on <see cref="Sync"/> (group commit: append a ready batch and its hard state, then one fsync).
/// Only one <see cref="SegmentedLog"/> may have a directory open: segment files are locked.
/// After an I/O error the instance refuses further use (its in-memory state may no longer match the files);
/// reopen the directory to recover what is durable.
/// </remarks>
public sealed partial class SegmentedLog : IRaftLogStorage
{
    private readonly SegmentedLogOptions _options;
    private readonly List<Segment> _segments;
    private readonly EntryTable _entries;
    private HardState _hardState;
    private SnapshotMetadata _snapshot;
    private bool _disposed;
    private Exception? _failure;

    private SegmentedLog(string directory, SegmentedLogOptions options, List<Segment> segments, WalReplay replay, WalRecovery recovery)
    {
        Directory = directory;
        _options = options;
        _segments = segments;
        _entries = replay.Entries;
        _hardState = replay.HardState;
        _snapshot = replay.Snapshot;
        Recovery = recovery;
    }

    /// <summary>The full path of the log's directory.</summary>
    public string Directory { get; }

    /// <summary>What opening found: segments, records, and the torn tail repaired, if any.</summary>
    public WalRecovery Recovery { get; }

    /// <inheritdoc />
    public HardState HardState => _hardState;

    /// <inheritdoc />
    public SnapshotMetadata Snapshot => _snapshot;

    /// <inheritdoc />
    public long FirstIndex => _snapshot.Index + 1;

    /// <inheritdoc />
    public long LastIndex => _entries.Count == 0 ? _snapshot.Index : _entries.LastIndex;

    /// <summary>Paths of the segment files, oldest first (the last one is being appended to).</summary>
    public IReadOnlyList<string> SegmentPaths => [.. _segments.Select(s => s.Path)];

    /// <summary>Bytes of the active segment known to be on the device; what a simulated crash must keep.</summary>
    internal long ActiveDurableLength => Active.DurableLength;

    private Segment Active => _segments[^1];

    private bool Fsyncs => _options.SyncMode == WalSyncMode.Fsync;

    /// <summary>Syncs what is pending (unless the log failed), then closes the files.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_failure is null && Fsyncs && Active.Dirty)
            {
                Active.Flush();
            }
        }
        finally
        {
            CloseFiles();
        }
    }

    /// <summary>Closes the files without syncing: the process-crash half of a crash test.</summary>
    internal void Abandon() => CloseFiles();

    private void CloseFiles()
    {
        _disposed = true;
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new InvalidOperationException(
                $"The WAL in '{Directory}' failed earlier ({_failure.Message}); reopen it to recover what is durable.", _failure);
        }
    }

    /// <summary>
    /// An exception filter for writes: an I/O error marks the log failed, because memory and files may now disagree.
    /// Returns false so the exception propagates unchanged.
    /// </summary>
    private bool MarkFailed(Exception ex)
    {
        if (ex is IOException or UnauthorizedAccessException)
        {
            _failure = ex;
        }

        return false;
    }
}
