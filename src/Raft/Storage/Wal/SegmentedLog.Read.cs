using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Storage.Wal;

public sealed partial class SegmentedLog
{
    /// <inheritdoc />
    public long Term(long index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (index == _snapshot.Index)
        {
            return _snapshot.Term;
        }

        if (index < _snapshot.Index || index > LastIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Term is known for indices [{_snapshot.Index}, {LastIndex}] only.");
        }

        return _entries[index].Term;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like etcd's storage, the result is the longest prefix whose <see cref="Entry.Size"/> total stays within
    /// <paramref name="maxBytes"/>, but never empty when the range is not. Recent entries come from memory; older
    /// ones are read from their segment and their checksum verified again.
    /// </remarks>
    public IReadOnlyList<Entry> Entries(long from, long toExclusive, long maxBytes = long.MaxValue)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (from < FirstIndex || toExclusive > LastIndex + 1 || from > toExclusive)
        {
            throw new ArgumentOutOfRangeException(
                nameof(from), $"Entries [{from}, {toExclusive}) are not held: the log holds [{FirstIndex}, {LastIndex + 1}).");
        }

        var result = new List<Entry>((int)Math.Min(toExclusive - from, 1024));
        long total = 0;
        for (var index = from; index < toExclusive; index++)
        {
            var entry = ReadEntry(index);
            total += entry.Size;
            if (result.Count > 0 && total > maxBytes)
            {
                break;
            }

            result.Add(entry);
        }

        return result;
    }

    private Entry ReadEntry(long index)
    {
        ref var location = ref _entries[index];
        if (location.Cached is { } cached)
        {
            // The cache holds the record body as written (this process encoded it): no checksum to verify.
            WalRecordCodec.TryReadEntry(cached.Span, out _, out var cachedTerm, out var cachedType, out var cachedTimestamp);
            return new Entry(index, cachedTerm, cachedType, cachedTimestamp, cached[WalRecordCodec.EntryDataOffset..]);
        }

        var segment = location.Segment;
        var frameOffset = location.BodyOffset - WalRecordCodec.HeaderSize;
        var frame = new byte[WalRecordCodec.HeaderSize + location.BodyLength];
        segment.ReadExactly(frame, frameOffset);
        var body = frame.AsSpan(WalRecordCodec.HeaderSize);
        if (!WalRecordCodec.BodyMatches(frame, body)
            || !WalRecordCodec.TryReadEntry(body, out var read, out var term, out var type, out var timestamp)
            || read != index)
        {
            throw new WalCorruptionException(
                segment.Path, frameOffset, $"entry {index} no longer matches its checksum (damaged on disk after the log was opened)");
        }

        return new Entry(index, term, type, timestamp, frame.AsMemory(WalRecordCodec.HeaderSize + WalRecordCodec.EntryDataOffset));
    }
}
