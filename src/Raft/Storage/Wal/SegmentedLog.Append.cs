using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Internal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Storage.Wal;

public sealed partial class SegmentedLog
{
    /// <inheritdoc />
    /// <remarks>
    /// The batch is encoded into one buffer and handed to the OS with one write; it is durable after
    /// <see cref="Sync"/>. Throws <see cref="ArgumentException"/> (and changes nothing) when the indices are not
    /// consecutive, start outside <c>[FirstIndex, LastIndex + 1]</c>, or terms go down along the log.
    /// </remarks>
    public void Append(IReadOnlyList<Entry> entries)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var bytes = ValidateAppend(entries);
        var buffer = new byte[bytes];
        var offsets = new int[entries.Count];
        var at = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            offsets[i] = at;
            at += WalRecordCodec.WriteEntry(buffer.AsSpan(at), entries[i]);
        }

        var segment = Active;
        var start = segment.Length;
        try
        {
            segment.Write(buffer);
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }

        var first = entries[0].Index;
        if (first <= LastIndex)
        {
            // Conflicting suffix: Raft Figure 2, AppendEntries receiver rule 3. The replacing records come later in
            // the log, so replay reaches the same decision.
            _entries.TruncateFrom(first);
        }

        var cache = _options.EntryCacheBytes > 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var bodyOffset = offsets[i] + WalRecordCodec.HeaderSize;
            var length = entries[i].Data.Length;
            _entries.Add(new EntryLocation
            {
                Segment = segment,
                BodyOffset = start + bodyOffset,
                BodyLength = WalRecordCodec.EntryDataOffset + length,
                Term = entries[i].Term,
                Cached = cache ? buffer.AsMemory(bodyOffset, WalRecordCodec.EntryDataOffset + length) : (ReadOnlyMemory<byte>?)null,
            });
        }

        _entries.TrimCache(_options.EntryCacheBytes);
        RollOverWhenFull();
    }

    /// <inheritdoc />
    /// <remarks>Durable after <see cref="Sync"/>. The term may not go down; writing the current state again writes nothing.</remarks>
    public void SetHardState(HardState state)
    {
        ThrowIfUnusable();
        if (state.Term < _hardState.Term || state.Commit < 0)
        {
            throw new ArgumentException(
                $"Hard state (term {state.Term}, commit {state.Commit}) is invalid: the term may not go below {_hardState.Term} and commit may not be negative.",
                nameof(state));
        }

        if (state == _hardState)
        {
            return;
        }

        Span<byte> record = stackalloc byte[WalRecordCodec.HardStateFrameSize];
        WalRecordCodec.WriteHardState(record, state);
        try
        {
            Active.Write(record);
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }

        _hardState = state;
        RollOverWhenFull();
    }

    /// <inheritdoc />
    /// <remarks>One fdatasync of the active segment (fsync where there is none; older segments were synced when they were closed). A no-op when nothing was written since the last one, or with <see cref="WalSyncMode.None"/>.</remarks>
    public void Sync()
    {
        ThrowIfUnusable();
        if (!Fsyncs || !Active.Dirty)
        {
            return;
        }

        try
        {
            Active.Flush();
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }
    }

    private long ValidateAppend(IReadOnlyList<Entry> entries)
    {
        var first = entries[0].Index;
        if (first < FirstIndex || first > LastIndex + 1)
        {
            throw new ArgumentException(
                $"The first appended index is {first}; it must be in [{FirstIndex}, {LastIndex + 1}] (first held index, last held index + 1).",
                nameof(entries));
        }

        var previousTerm = Term(first - 1);
        long bytes = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Index != first + i)
            {
                throw new ArgumentException($"Appended indices must be consecutive: entry {i} has index {entry.Index}, expected {first + i}.", nameof(entries));
            }

            if (entry.Term < previousTerm || !Enum.IsDefined(entry.Type))
            {
                throw new ArgumentException(
                    $"Entry {entry.Index} has term {entry.Term} and type {entry.Type}: terms may not go down along the log (previous term {previousTerm}) and the type must be defined.",
                    nameof(entries));
            }

            previousTerm = entry.Term;
            bytes += WalRecordCodec.EntryFrameSize(entry);
        }

        return bytes <= Array.MaxLength
            ? bytes
            : throw new ArgumentException($"The batch encodes to {bytes} bytes; split it (at most {Array.MaxLength} bytes per append).", nameof(entries));
    }

    /// <summary>
    /// Starts a new segment once the active one reached the configured size. The old segment is fsynced and the
    /// new file's name made durable first, so every segment but the last is complete on the device.
    /// </summary>
    private void RollOverWhenFull()
    {
        if (Active.Length < _options.SegmentSize)
        {
            return;
        }

        try
        {
            // The finished segment loses its preallocated zeros: only the active segment ends in a zero tail.
            Active.Trim();
            if (Fsyncs)
            {
                Active.Flush();
            }

            var next = Segment.Create(Directory, Active.Sequence + 1, LastIndex + 1, _options.PreallocationStep);
            _segments.Add(next);
            WriteHeaderBlock(next);
            if (Fsyncs)
            {
                next.Flush();
                FileDurability.FlushDirectory(Directory);
            }
        }
        catch (Exception ex) when (MarkFailed(ex))
        {
            throw;
        }
    }

    /// <summary>
    /// Writes a segment's first records: its header, the snapshot in force and the hard state in force. Replay can
    /// therefore start at any segment, which is what lets compaction delete the older ones.
    /// </summary>
    private void WriteHeaderBlock(Segment segment)
    {
        var buffer = new byte[WalRecordCodec.SegmentHeaderFrameSize + WalRecordCodec.SnapshotFrameSize(_snapshot) + WalRecordCodec.HardStateFrameSize];
        var at = WalRecordCodec.WriteSegmentHeader(buffer, segment.Sequence, segment.FirstIndex);
        at += WalRecordCodec.WriteSnapshot(buffer.AsSpan(at), SnapshotMode.KeepSuffix, _snapshot);
        WalRecordCodec.WriteHardState(buffer.AsSpan(at), _hardState);
        segment.Write(buffer);
    }
}
