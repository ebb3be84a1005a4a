using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Internal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Storage.Wal;

public sealed partial class SegmentedLog
{
    /// <inheritdoc />
    /// <remarks>
    /// Writes a snapshot marker and fsyncs it, then deletes the oldest segments that no longer hold any entry of
    /// the log (whole files only; a segment is never rewritten). Throws <see cref="ArgumentException"/> and
    /// changes nothing when the index is beyond <see cref="LastIndex"/> or the term does not match the entry's.
    /// Compacting to the current snapshot index or below does nothing.
    /// </remarks>
    public void Compact(SnapshotMetadata snapshot)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index <= _snapshot.Index)
        {
            return; // already compacted that far (idempotent, like the in-memory storage)
        }

        if (snapshot.Index > LastIndex)
        {
            throw new ArgumentException(
                $"Cannot compact to index {snapshot.Index}: it is beyond the last index {LastIndex}.", nameof(snapshot));
        }

        var term = Term(snapshot.Index);
        if (term != snapshot.Term)
        {
            throw new ArgumentException($"Cannot compact to index {snapshot.Index} with term {snapshot.Term}: the entry there has term {term}.", nameof(snapshot));
        }

        ApplySnapshot(SnapshotMode.KeepSuffix, snapshot);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Writes a snapshot marker recording which of the two cases applied, fsyncs it, then deletes segments left
    /// without entries. Throws <see cref="ArgumentException"/> and changes nothing for a snapshot older than the
    /// current one (or at its index with another term); installing the current snapshot again does nothing.
    /// </remarks>
    public void InstallSnapshot(SnapshotMetadata snapshot)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index < _snapshot.Index || (snapshot.Index == _snapshot.Index && snapshot.Term != _snapshot.Term))
        {
            throw new ArgumentException(
                $"Cannot install snapshot (index {snapshot.Index}, term {snapshot.Term}): the log already starts after (index {_snapshot.Index}, term {_snapshot.Term}).",
                nameof(snapshot));
        }

        if (snapshot.Index == _snapshot.Index)
        {
            return;
        }

        // Raft §7: keep the entries after the snapshot only when the log has the entry the snapshot ends with.
        var matches = snapshot.Index <= LastIndex && Term(snapshot.Index) == snapshot.Term;
        ApplySnapshot(matches ? SnapshotMode.KeepSuffix : SnapshotMode.DiscardAll, snapshot);
    }

    private void ApplySnapshot(SnapshotMode mode, SnapshotMetadata snapshot)
    {
        var record = new byte[WalRecordCodec.SnapshotFrameSize(snapshot)];
        WalRecordCodec.WriteSnapshot(record, mode, snapshot);
        try
        {
            Active.Write(record);

            // The marker must be on the device before the segments it makes obsolete are deleted: replay of the
            // remaining segments needs it to know where the log starts.
            if (Fsyncs)
            {
                Active.Flush();
            }
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }

        if (mode == SnapshotMode.KeepSuffix)
        {
            _entries.DropThrough(snapshot.Index);
        }
        else
        {
            _entries.Reset(snapshot.Index + 1);
        }

        _snapshot = snapshot;
        DeleteObsoleteSegments();
        RollOverWhenFull();
    }

    /// <summary>
    /// Deletes, oldest first, the segments before the one holding the first entry: the log's entries sit in
    /// segments in index order, so these hold only compacted or replaced entries, and the header block of the
    /// next segment restates their hard state and snapshot.
    /// </summary>
    private void DeleteObsoleteSegments()
    {
        var keepFrom = _entries.Count > 0 ? _entries[_entries.FirstIndex].Segment.Sequence : Active.Sequence;
        var deleted = false;
        try
        {
            while (_segments.Count > 1 && _segments[0].Sequence < keepFrom)
            {
                var segment = _segments[0];
                segment.Dispose();
                File.Delete(segment.Path);
                _segments.RemoveAt(0);
                deleted = true;
            }

            if (deleted && Fsyncs)
            {
                FileDurability.FlushDirectory(Directory);
            }
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }
    }
}
