namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// The records of one segment file, found by walking its frames, and how the walk ended. Records are
/// (frame offset, body offset, body length) triples into the scanned bytes.
/// </summary>
internal sealed class SegmentScan
{
    private SegmentScan(List<(int Offset, int BodyOffset, int BodyLength)> records, ScanOutcome outcome, int stopOffset, string reason)
    {
        Records = records;
        Outcome = outcome;
        StopOffset = stopOffset;
        Reason = reason;
    }

    public List<(int Offset, int BodyOffset, int BodyLength)> Records { get; }

    public ScanOutcome Outcome { get; }

    /// <summary>Where the valid records end: when clean, the file length or where its zero tail starts; else the offset of the bad record.</summary>
    public int StopOffset { get; }

    /// <summary>What was wrong at <see cref="StopOffset"/>; empty when clean.</summary>
    public string Reason { get; }

    public static SegmentScan Run(ReadOnlySpan<byte> file)
    {
        var records = new List<(int, int, int)>();
        var pos = 0;
        while (pos < file.Length)
        {
            var rest = file[pos..];

            // Only zeros from here on: the end of the log. A preallocated segment ends like this (docs/wal.md), and
            // so does a file whose size reached the device without the last bytes written; either way nothing was
            // lost that was ever synced, and nothing needs repairing.
            if (rest[0] == 0 && IsZero(rest))
            {
                return new SegmentScan(records, ScanOutcome.Clean, pos, string.Empty);
            }

            if (rest.Length < WalRecordCodec.HeaderSize)
            {
                return new SegmentScan(records, ScanOutcome.TornTail, pos, "partial record header at the end of the file");
            }

            var header = rest[..WalRecordCodec.HeaderSize];
            var lengthValid = WalRecordCodec.TryReadBodyLength(header, out var bodyLength);
            if (!lengthValid)
            {
                // A garbled header is torn only when nothing can follow it: zeros after it (a header written
                // partly, the rest never reached the device), a length that, read as it is, ends exactly at the
                // end of the file, or the rest of the file being exactly one body that matches the body checksum.
                // With a zero tail (a preallocated segment) the body that matches may end anywhere from the last
                // non-zero byte to a few zeros after it (a body may itself end in zeros); a declared length is not
                // trusted to end inside the tail, since a garbled length pointing there would swallow valid records.
                var content = rest.LastIndexOfAnyExcept((byte)0) + 1;
                return IsZero(rest[WalRecordCodec.HeaderSize..])
                    || (long)bodyLength + WalRecordCodec.HeaderSize == rest.Length
                    || LastBodyMatches(header, rest, content)
                    ? new SegmentScan(records, ScanOutcome.TornTail, pos, "garbled header of the last record")
                    : new SegmentScan(records, ScanOutcome.Corrupt, pos, "record header checksum mismatch");
            }

            if (bodyLength == 0)
            {
                return new SegmentScan(records, ScanOutcome.Corrupt, pos, "record with an empty body");
            }

            if ((long)bodyLength + WalRecordCodec.HeaderSize > rest.Length)
            {
                return new SegmentScan(records, ScanOutcome.TornTail, pos, "last record extends past the end of the file");
            }

            var frameEnd = WalRecordCodec.HeaderSize + (int)bodyLength;
            if (!WalRecordCodec.BodyMatches(header, rest[WalRecordCodec.HeaderSize..frameEnd]))
            {
                return IsZero(rest[frameEnd..])
                    ? new SegmentScan(records, ScanOutcome.TornTail, pos, "checksum mismatch in the last record")
                    : new SegmentScan(records, ScanOutcome.Corrupt, pos, "record checksum mismatch");
            }

            records.Add((pos, pos + WalRecordCodec.HeaderSize, (int)bodyLength));
            pos += frameEnd;
        }

        return new SegmentScan(records, ScanOutcome.Clean, pos, string.Empty);
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>
    /// Zeros a body may end in that <see cref="LastBodyMatches"/> still tries as part of it. Each try is a 2^-32 chance
    /// of a garbled record before valid ones passing for the last one, so the tries are few: a last record whose
    /// header is garbled and whose data ends in more zeros than this is reported as corruption instead.
    /// </summary>
    private const int MaxBodyZeroRun = 256;

    /// <summary>
    /// True when the bytes after <paramref name="header"/> up to some end at or after <paramref name="content"/> (where
    /// only zeros are left) match the header's body checksum: the record is whole and is the last thing in the file.
    /// The checksum is extended one zero at a time (at most <see cref="MaxBodyZeroRun"/> of them).
    /// </summary>
    private static bool LastBodyMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rest, int content)
    {
        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        var end = Math.Max(content, WalRecordCodec.HeaderSize + 1);
        if (end > rest.Length)
        {
            return false;
        }

        var crc = RaftTower.Internal.Crc32C.Compute(rest[WalRecordCodec.HeaderSize..end]);
        var last = (int)Math.Min(rest.Length, (long)end + MaxBodyZeroRun);
        while (true)
        {
            if (crc == expected)
            {
                return true;
            }

            if (end >= last)
            {
                return false;
            }

            crc = RaftTower.Internal.Crc32C.Append(crc, rest.Slice(end++, 1));
        }
    }
}
