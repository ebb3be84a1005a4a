using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// Rebuilds the log's state by applying the records of the segments in order. Every segment starts with a
/// header block (segment header, the snapshot then in force, the hard state then in force), so replay can
/// start at the oldest kept segment even after older ones were dropped by compaction.
/// </summary>
internal sealed class WalReplay
{
    /// <summary>Records a segment starts with: segment header, snapshot, hard state.</summary>
    public const int HeaderBlockRecords = 3;

    private (string Path, long Offset)? _provisionalStart;

    public SnapshotMetadata Snapshot { get; private set; } = SnapshotMetadata.None;

    public HardState HardState { get; private set; } = HardState.Empty;

    public EntryTable Entries { get; } = new(1);

    public long Records { get; private set; }

    /// <summary>Applies the valid records of one segment; throws <see cref="WalCorruptionException"/> on a record that cannot be right.</summary>
    public void Apply(Segment segment, ReadOnlySpan<byte> file, SegmentScan scan)
    {
        for (var i = 0; i < scan.Records.Count; i++)
        {
            var (offset, bodyOffset, bodyLength) = scan.Records[i];
            var body = file.Slice(bodyOffset, bodyLength);
            var expected = i switch
            {
                0 => RecordType.SegmentHeader,
                1 => RecordType.Snapshot,
                2 => RecordType.HardState,
                _ => (RecordType)body[0],
            };
            if (body[0] != (byte)expected || (i >= HeaderBlockRecords && expected == RecordType.SegmentHeader))
            {
                throw Corrupt(segment, offset, $"record {i} has type {body[0]}, which cannot stand there");
            }

            switch (expected)
            {
                case RecordType.SegmentHeader:
                    CheckHeader(segment, offset, body);
                    break;
                case RecordType.Entry:
                    ApplyEntry(segment, offset, bodyOffset, body);
                    break;
                case RecordType.HardState:
                    HardState = WalRecordCodec.TryReadHardState(body, out var state)
                        ? state
                        : throw Corrupt(segment, offset, "malformed hard state record");
                    break;
                case RecordType.Snapshot:
                    ApplySnapshot(segment, offset, body);
                    break;
                default:
                    throw Corrupt(segment, offset, $"unknown record type {body[0]}");
            }

            Records++;
        }
    }

    /// <summary>Checks, once every segment is applied, that the entries start right after the snapshot.</summary>
    public void Finish(string oldestSegmentPath)
    {
        if (Entries.Count == 0)
        {
            Entries.Reset(Snapshot.Index + 1);
            return;
        }

        if (Entries.FirstIndex != Snapshot.Index + 1)
        {
            var (path, offset) = _provisionalStart ?? (oldestSegmentPath, 0);
            throw new WalCorruptionException(
                path,
                $"entries {Snapshot.Index + 1}..{Entries.FirstIndex - 1} are missing: the log continues at index {Entries.FirstIndex} " +
                $"(record at byte offset {offset}) right after snapshot index {Snapshot.Index}, so a segment file before it was removed");
        }
    }

    private static WalCorruptionException Corrupt(Segment segment, long offset, string problem) => new(segment.Path, offset, problem);

    private static void CheckHeader(Segment segment, long offset, ReadOnlySpan<byte> body)
    {
        if (!WalRecordCodec.TryReadSegmentHeader(body, out var version, out var sequence, out var firstIndex))
        {
            throw Corrupt(segment, offset, "malformed segment header (not a RaftTower WAL segment)");
        }

        if (version != WalRecordCodec.FormatVersion)
        {
            throw Corrupt(segment, offset, $"format version {version}; this build reads version {WalRecordCodec.FormatVersion}");
        }

        if (sequence != segment.Sequence || firstIndex != segment.FirstIndex)
        {
            throw Corrupt(segment, offset, $"the header says sequence {sequence}, first index {firstIndex}, which does not match the file name");
        }
    }

    private void ApplyEntry(Segment segment, long offset, int bodyOffset, ReadOnlySpan<byte> body)
    {
        if (!WalRecordCodec.TryReadEntry(body, out var index, out var term, out _, out _))
        {
            throw Corrupt(segment, offset, "malformed entry record");
        }

        if (index <= Snapshot.Index)
        {
            throw Corrupt(segment, offset, $"entry {index} is at or below the snapshot index {Snapshot.Index}");
        }

        if (Entries.Count == 0 || index < Entries.FirstIndex)
        {
            // The first entry after the snapshot, or the first kept entry when older segments were dropped
            // (checked against the final snapshot in Finish).
            Entries.Reset(index);
            _provisionalStart = index == Snapshot.Index + 1 ? null : (segment.Path, offset);
        }
        else if (index > Entries.LastIndex + 1)
        {
            throw Corrupt(segment, offset, $"entry {index} follows entry {Entries.LastIndex}: entries in between are missing");
        }
        else
        {
            // A conflicting suffix was replaced here (Raft Figure 2, AppendEntries receiver rule 3).
            Entries.TruncateFrom(index);
        }

        Entries.Add(new EntryLocation { Segment = segment, BodyOffset = bodyOffset, BodyLength = body.Length, Term = term });
    }

    private void ApplySnapshot(Segment segment, long offset, ReadOnlySpan<byte> body)
    {
        if (!WalRecordCodec.TryReadSnapshot(body, out var mode, out var snapshot))
        {
            throw Corrupt(segment, offset, "malformed snapshot record");
        }

        if (snapshot.Index < Snapshot.Index)
        {
            throw Corrupt(segment, offset, $"snapshot index {snapshot.Index} goes back from {Snapshot.Index}");
        }

        if (mode == SnapshotMode.DiscardAll || Entries.Count == 0)
        {
            Entries.Reset(snapshot.Index + 1);
        }
        else
        {
            Entries.DropThrough(snapshot.Index);
        }

        Snapshot = snapshot;
    }
}
