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
        var index = from;
        while (index < toExclusive)
        {
            var run = _entries[index].Cached is null ? ReadRun(index, toExclusive, maxBytes - total) : null;
            var count = run?.Length ?? 1;
            for (var i = 0; i < count; i++, index++)
            {
                var entry = run is null ? FromCache(index) : run[i];
                total += entry.Size;
                if (result.Count > 0 && total > maxBytes)
                {
                    return result;
                }

                result.Add(entry);
            }
        }

        return result;
    }

    private Entry FromCache(long index)
    {
        // The cache holds the record body as this process encoded it: no checksum to verify.
        var cached = _entries[index].Cached!.Value;
        WalRecordCodec.TryReadEntry(cached.Span, out _, out var term, out var type, out var timestamp);
        return new Entry(index, term, type, timestamp, cached[WalRecordCodec.EntryDataOffset..]);
    }

    /// <summary>
    /// Reads uncached entries from <paramref name="from"/> on with one positional read: as many as lie back to back
    /// in the same segment, up to about <paramref name="budget"/> bytes (at least one entry, at most 1 MiB). A
    /// lagging follower's catch-up then costs one read per run, not one per entry. Checksums are verified again.
    /// </summary>
    private Entry[] ReadRun(long from, long toExclusive, long budget)
    {
        ref var first = ref _entries[from];
        var segment = first.Segment;
        var start = first.BodyOffset - WalRecordCodec.HeaderSize;
        var end = first.BodyOffset + first.BodyLength;
        var limit = start + Math.Max(end - start, Math.Min(1 << 20, budget));
        var last = from;
        while (last + 1 < toExclusive)
        {
            ref var next = ref _entries[last + 1];
            var nextEnd = next.BodyOffset + next.BodyLength;
            if (next.Cached is not null || next.Segment != segment || next.BodyOffset - WalRecordCodec.HeaderSize != end || nextEnd > limit)
            {
                break;
            }

            end = nextEnd;
            last++;
        }

        var buffer = new byte[end - start];
        segment.ReadExactly(buffer, start);
        var entries = new Entry[last - from + 1];
        for (var i = 0; i < entries.Length; i++)
        {
            var index = from + i;
            ref var location = ref _entries[index];
            var frameOffset = (int)(location.BodyOffset - WalRecordCodec.HeaderSize - start);
            var frame = buffer.AsSpan(frameOffset, WalRecordCodec.HeaderSize + location.BodyLength);
            if (!WalRecordCodec.BodyMatches(frame, frame[WalRecordCodec.HeaderSize..])
                || !WalRecordCodec.TryReadEntry(frame[WalRecordCodec.HeaderSize..], out var read, out var term, out var type, out var timestamp)
                || read != index)
            {
                throw new WalCorruptionException(
                    segment.Path, start + frameOffset, $"entry {index} no longer matches its checksum (damaged on disk after the log was opened)");
            }

            entries[i] = new Entry(index, term, type, timestamp, buffer.AsMemory(frameOffset + WalRecordCodec.HeaderSize + WalRecordCodec.EntryDataOffset, location.BodyLength - WalRecordCodec.EntryDataOffset));
        }

        return entries;
    }
}
