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

    /// <summary>Where the valid records end: the file length when clean, else the offset of the bad record.</summary>
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
            if (rest.Length < WalRecordCodec.HeaderSize)
            {
                return new SegmentScan(records, ScanOutcome.TornTail, pos, "partial record header at the end of the file");
            }

            var header = rest[..WalRecordCodec.HeaderSize];
            var lengthValid = WalRecordCodec.TryReadBodyLength(header, out var bodyLength);
            if (!lengthValid)
            {
                // A garbled header is torn only when nothing can follow it: zeros after it (a header written
                // partly, the rest never reached the device), or a length that, read as it is, ends exactly at
                // the end of the file.
                return IsZero(rest[WalRecordCodec.HeaderSize..]) || (long)bodyLength + WalRecordCodec.HeaderSize == rest.Length
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
}
