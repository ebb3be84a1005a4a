using RaftTower.Raft.Storage.Internal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Storage.Wal;

public sealed partial class SegmentedLog
{
    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/> and recovers exactly what its records hold.
    /// </summary>
    /// <remarks>
    /// A torn tail — the last record of the last segment cut short or garbled by a crash — is truncated away and
    /// reported in <see cref="Recovery"/> and through <see cref="SegmentedLogOptions.OnTailRepaired"/>. Any other
    /// damage (a bad record before the tail, a bad record in an older segment, a missing segment) throws
    /// <see cref="WalCorruptionException"/> naming the file and offset, and no file is changed.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="WalCorruptionException">The log is damaged beyond a torn tail.</exception>
    /// <exception cref="IOException">The directory cannot be read, or another log has it open.</exception>
    public static SegmentedLog Open(string directory, SegmentedLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new SegmentedLogOptions();
        options.Validate();
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);

        var segments = new List<Segment>();
        try
        {
            foreach (var (path, sequence, firstIndex) in ListSegments(directory))
            {
                segments.Add(Segment.Open(path, sequence, firstIndex, options.PreallocationStep));
            }

            var replay = new WalReplay();
            var tail = Replay(segments, replay);
            replay.Finish(segments.Count > 0 ? segments[0].Path : directory);

            // Everything was checked; only now may a file change.
            var repair = tail is { } torn ? RepairTail(segments[^1], torn.Offset, torn.Reason) : null;
            var log = new SegmentedLog(
                directory, options, segments, replay, new WalRecovery(segments.Count, replay.Records, replay.Snapshot, replay.Entries.Count == 0 ? replay.Snapshot.Index : replay.Entries.LastIndex, repair));
            log.StartWriting();
            if (repair is not null)
            {
                options.OnTailRepaired?.Invoke(repair);
            }

            return log;
        }
        catch
        {
            foreach (var segment in segments)
            {
                segment.Dispose();
            }

            throw;
        }
    }

    /// <summary>The segment files, oldest first, checked for a gap in their sequence numbers.</summary>
    private static List<(string Path, long Sequence, long FirstIndex)> ListSegments(string directory)
    {
        var found = new List<(string Path, long Sequence, long FirstIndex)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + SegmentName.Extension))
        {
            if (!SegmentName.TryParse(Path.GetFileName(path), out var sequence, out var firstIndex))
            {
                throw new WalCorruptionException(path, "this file is not named like a WAL segment ({sequence:x16}-{firstIndex:x16}.wal); move it out of the WAL directory");
            }

            found.Add((path, sequence, firstIndex));
        }

        found.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        for (var i = 1; i < found.Count; i++)
        {
            var (previous, next) = (found[i - 1], found[i]);
            if (next.Sequence != previous.Sequence + 1)
            {
                var missing = next.Sequence == previous.Sequence
                    ? $"two segments have sequence {next.Sequence}"
                    : $"segment sequence {previous.Sequence + 1}..{next.Sequence - 1} is missing between '{Path.GetFileName(previous.Path)}' and '{Path.GetFileName(next.Path)}'";
                throw new WalCorruptionException(next.Path, missing);
            }
        }

        return found;
    }

    /// <summary>Applies every segment; returns the torn tail of the last one, if it has one.</summary>
    private static (long Offset, string Reason)? Replay(List<Segment> segments, WalReplay replay)
    {
        (long Offset, string Reason)? tail = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            var file = ReadWhole(segment);
            var scan = SegmentScan.Run(file);
            if (scan.Outcome == ScanOutcome.Corrupt || (!last && scan.Outcome == ScanOutcome.TornTail))
            {
                throw new WalCorruptionException(segment.Path, scan.StopOffset, last ? scan.Reason : $"{scan.Reason} in a segment that is not the last one");
            }

            if (!last && scan.Records.Count < WalReplay.HeaderBlockRecords)
            {
                throw new WalCorruptionException(segment.Path, scan.StopOffset, "the segment ends inside its header block");
            }

            if (scan.Outcome == ScanOutcome.Clean && scan.StopOffset < file.Length)
            {
                // A preallocated zero tail: the next record goes where the records end.
                segment.EndAt(scan.StopOffset);
            }

            // The header block only restates the state in force, so applying part of one changes nothing.
            replay.Apply(segment, file, scan);
            if (scan.Records.Count < WalReplay.HeaderBlockRecords && file.Length > 0)
            {
                // A crash while the last segment was being started: empty it and write its header block anew.
                tail = (0, scan.Outcome == ScanOutcome.TornTail ? scan.Reason : "incomplete segment header block");
            }
            else if (scan.Outcome == ScanOutcome.TornTail)
            {
                tail = (scan.StopOffset, scan.Reason);
            }
        }

        return tail;
    }

    private static byte[] ReadWhole(Segment segment)
    {
        if (segment.Length > Array.MaxLength)
        {
            throw new WalCorruptionException(segment.Path, 0, $"the segment is {segment.Length} bytes, more than a segment can be");
        }

        var file = new byte[segment.Length];
        segment.ReadExactly(file, 0);
        return file;
    }

    private static WalTailRepair RepairTail(Segment segment, long offset, string reason)
    {
        var dropped = segment.Length - offset;
        segment.Truncate(offset);
        return new WalTailRepair(segment.Path, offset, dropped, reason);
    }

    /// <summary>
    /// Makes the last segment ready for appends: a fresh directory gets its first segment; a last segment without
    /// its header block gets one. Recovered records are fsynced once, since a restart after a process crash may
    /// find them still only in the page cache.
    /// </summary>
    private void StartWriting()
    {
        if (_segments.Count == 0)
        {
            _segments.Add(Segment.Create(Directory, 0, LastIndex + 1, _options.PreallocationStep));
            WriteHeaderBlock(Active);
            if (Fsyncs)
            {
                Active.Flush();
                FileDurability.FlushDirectory(Directory);
            }

            return;
        }

        if (Active.Length == 0)
        {
            WriteHeaderBlock(Active);
        }

        if (Fsyncs)
        {
            Active.Flush();
        }
    }
}
