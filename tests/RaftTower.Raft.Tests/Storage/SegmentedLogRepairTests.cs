using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>Start-up repair: a torn tail is cut off; any other damage stops the open and changes no file.</summary>
public sealed class SegmentedLogRepairTests : IDisposable
{
    private static readonly SegmentedLogOptions TinySegments = new() { SegmentSize = 1024 };

    /// <summary>For the tests that cut or damage the file's physical end: a segment that ends at its last record.</summary>
    private static readonly SegmentedLogOptions NoPreallocation = new() { PreallocateBytes = 0 };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Truncation_at_every_byte_of_the_last_record_drops_only_that_record_and_appends_continue()
    {
        var source = _temp.Sub("source");
        var kept = LogEntries.Range(1, 4, term: 1, dataBytes: 60);
        var hardState = new HardState(1, 7, 3);
        using (var log = SegmentedLog.Open(source, NoPreallocation))
        {
            log.Append(kept);
            log.SetHardState(hardState);
            log.Append([LogEntries.At(5, 1, "the last record")]);
            log.Sync();
        }

        var segment = Directory.GetFiles(source, "*.wal").Single();
        var (start, end) = LastRecord(File.ReadAllBytes(segment));
        for (var cut = start; cut < end; cut++)
        {
            var dir = _temp.Sub($"cut-{cut}");
            TempDirectory.CopyDirectory(source, dir);
            var path = Path.Combine(dir, Path.GetFileName(segment));
            using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
            {
                RandomAccess.SetLength(file, cut);
            }

            WalTailRepair? reported = null;
            using (var log = SegmentedLog.Open(dir, new SegmentedLogOptions { PreallocateBytes = 0, OnTailRepaired = r => reported = r }))
            {
                Assert.Equal(4, log.LastIndex);
                Assert.Equal(hardState, log.HardState);
                LogEntries.AssertEqual(kept, log.Entries(1, 5));
                if (cut > start)
                {
                    Assert.Equal(new WalTailRepair(path, start, cut - start, reported!.Reason), log.Recovery.TailRepair);
                    Assert.Same(log.Recovery.TailRepair, reported);
                }
                else
                {
                    Assert.Null(log.Recovery.TailRepair);
                }

                log.Append([LogEntries.At(5, 2, "written after the repair")]);
                log.Sync();
            }

            Assert.Equal(start + WalRecordCodec.EntryFrameSize(LogEntries.At(5, 2, "written after the repair")), new FileInfo(path).Length);
            using var reopened = SegmentedLog.Open(dir);
            Assert.Null(reopened.Recovery.TailRepair);
            LogEntries.AssertEqual([.. kept, LogEntries.At(5, 2, "written after the repair")], reopened.Entries(1, 6));
        }
    }

    [Fact]
    public void A_flipped_bit_in_an_early_record_stops_the_open_naming_file_and_offset_and_changes_nothing()
    {
        var dir = _temp.Sub("wal");
        using (var log = SegmentedLog.Open(dir))
        {
            log.Append(LogEntries.Range(1, 6, term: 1, dataBytes: 40));
            log.Sync();
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var original = File.ReadAllBytes(segment);
        var (offset, bodyOffset, bodyLength) = SegmentScan.Run(original).Records[4]; // entry 2 of 6
        for (var at = offset; at < bodyOffset + bodyLength; at++)
        {
            var damaged = (byte[])original.Clone();
            damaged[at] ^= (byte)(1 << (at % 8));
            File.WriteAllBytes(segment, damaged);

            var error = OpenFailsAndChangesNothing(dir);

            Assert.Equal(segment, error.FilePath);
            Assert.Equal(offset, error.Offset);
            Assert.Contains(Path.GetFileName(segment), error.Message, StringComparison.Ordinal);
            Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_the_last_record_makes_it_a_torn_tail()
    {
        var dir = _temp.Sub("wal");
        var kept = LogEntries.Range(1, 3, term: 1, dataBytes: 30);
        using (var log = SegmentedLog.Open(dir))
        {
            log.Append([.. kept, LogEntries.At(4, 1, "the last record")]);
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var original = File.ReadAllBytes(segment);
        var (start, end) = LastRecord(original);
        for (var at = start; at < end; at++)
        {
            var damaged = (byte[])original.Clone();
            damaged[at] ^= (byte)(1 << (at % 8));
            File.WriteAllBytes(segment, damaged);

            using (var log = SegmentedLog.Open(dir))
            {
                Assert.Equal(start, log.Recovery.TailRepair!.Offset);
                LogEntries.AssertEqual(kept, log.Entries(1, log.LastIndex + 1));
            }
        }
    }

    [Fact]
    public void A_bad_record_in_an_older_segment_stops_the_open_even_at_its_end()
    {
        var dir = WriteSegments(out var paths);
        var older = paths[1];
        var bytes = File.ReadAllBytes(older);
        var last = SegmentScan.Run(bytes).Records[^1];
        bytes[last.BodyOffset + 3] ^= 0x10;   // its last record: in the last segment this would be a torn tail
        File.WriteAllBytes(older, bytes);
        var error = OpenFailsAndChangesNothing(dir);

        Assert.Equal((older, (long?)last.Offset), (error.FilePath, error.Offset));
        Assert.Contains("not the last", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_older_segment_stops_the_open()
    {
        var dir = WriteSegments(out var paths);
        using (var file = File.OpenHandle(paths[0], FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, new FileInfo(paths[0]).Length - 5);
        }

        var error = OpenFailsAndChangesNothing(dir);

        Assert.Equal(paths[0], error.FilePath);
    }

    [Fact]
    public void A_missing_segment_stops_the_open_naming_the_gap_and_changes_nothing()
    {
        var dir = WriteSegments(out var paths);
        File.Delete(paths[2]);
        var error = OpenFailsAndChangesNothing(dir);

        Assert.Contains("segment sequence 2..2 is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(paths[1]), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(paths[3]), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_first_segment_stops_the_open_naming_the_missing_entries()
    {
        var dir = WriteSegments(out var paths);
        File.Delete(paths[0]);
        var error = OpenFailsAndChangesNothing(dir);

        Assert.Matches("entries 1\\.\\.[0-9]+ are missing", error.Message);
        Assert.Equal(paths[1], error.FilePath);
    }

    [Fact]
    public void A_zero_filled_tail_is_the_end_of_the_log_and_appends_continue_where_the_records_end()
    {
        // A file extended with zeros (its size reached the device, its last bytes did not; or preallocated space)
        // ends where the zeros start: nothing to repair, and the next record overwrites the first zeros.
        var dir = _temp.Sub("wal");
        var entries = LogEntries.Range(1, 5, term: 1);
        using (var log = SegmentedLog.Open(dir, NoPreallocation))
        {
            log.Append(entries);
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var length = new FileInfo(segment).Length;
        using (var file = File.OpenHandle(segment, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, length + 4096);
        }

        var more = LogEntries.At(6, 1, "after the zeros");
        using (var reopened = SegmentedLog.Open(dir, NoPreallocation))
        {
            Assert.Null(reopened.Recovery.TailRepair);
            LogEntries.AssertEqual(entries, reopened.Entries(1, 6));
            reopened.Append([more]);
            reopened.Sync();
        }

        var scan = SegmentScan.Run(File.ReadAllBytes(segment));
        Assert.Equal(ScanOutcome.Clean, scan.Outcome);
        Assert.Equal(length + WalRecordCodec.EntryFrameSize(more), scan.StopOffset);
        using var again = SegmentedLog.Open(dir, NoPreallocation);
        Assert.Null(again.Recovery.TailRepair);
        LogEntries.AssertEqual([.. entries, more], again.Entries(1, 7));
    }

    [Fact]
    public void A_preallocated_segment_ends_in_zeros_reopens_without_repair_and_survives_many_batches()
    {
        var dir = _temp.Sub("wal");
        var options = new SegmentedLogOptions { PreallocateBytes = 4096, SegmentSize = 1L << 20 };
        var written = new List<Entry>();
        for (var round = 0; round < 4; round++)
        {
            using var log = SegmentedLog.Open(dir, options);
            Assert.Null(log.Recovery.TailRepair);
            LogEntries.AssertEqual(written, log.Entries(1, log.LastIndex + 1));
            for (var batch = 0; batch < 10; batch++)
            {
                var next = LogEntries.Range(log.LastIndex + 1, 7, term: 1, dataBytes: 50);
                log.Append(next);
                log.Sync();
                written.AddRange(next);
            }
        }

        // The file is allocated in whole steps ahead of the records, and only zeros follow them.
        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var bytes = File.ReadAllBytes(segment);
        var scan = SegmentScan.Run(bytes);
        Assert.Equal(ScanOutcome.Clean, scan.Outcome);
        Assert.Equal(0, bytes.Length % 4096);
        Assert.True(bytes.Length > scan.StopOffset, $"no preallocated tail: {bytes.Length} bytes, records end at {scan.StopOffset}");
        Assert.True(bytes.AsSpan(scan.StopOffset).IndexOfAnyExcept((byte)0) < 0);
        using var last = SegmentedLog.Open(dir, options);
        LogEntries.AssertEqual(written, last.Entries(1, last.LastIndex + 1));
    }

    [Fact]
    public void Finished_segments_lose_their_preallocated_tail_and_only_the_active_one_keeps_it()
    {
        var dir = _temp.Sub("wal");
        var options = new SegmentedLogOptions { SegmentSize = 1024, PreallocateBytes = 4096 };
        using (var log = SegmentedLog.Open(dir, options))
        {
            for (var i = 1; i <= 40; i++)
            {
                log.Append([LogEntries.At(i, 1, new string('x', 60))]);
                log.Sync();
            }

            Assert.True(log.SegmentPaths.Count > 2);
        }

        var paths = Directory.GetFiles(dir, "*.wal").Order(StringComparer.Ordinal).ToArray();
        foreach (var path in paths[..^1])
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(bytes.Length, SegmentScan.Run(bytes).StopOffset);
        }

        var active = File.ReadAllBytes(paths[^1]);
        Assert.True(active.Length > SegmentScan.Run(active).StopOffset);
        using var reopened = SegmentedLog.Open(dir, options);
        Assert.Equal(40, reopened.LastIndex);
        Assert.Null(reopened.Recovery.TailRepair);
    }

    [Fact]
    public void A_garbled_header_of_a_last_record_ending_in_zeros_before_the_preallocated_tail_is_a_torn_tail()
    {
        var dir = _temp.Sub("wal");
        var kept = LogEntries.Range(1, 3, term: 1, dataBytes: 30);
        var last = new Entry(4, 1, EntryType.Normal, 4, new byte[] { 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        using (var log = SegmentedLog.Open(dir, new SegmentedLogOptions { PreallocateBytes = 4096 }))
        {
            log.Append([.. kept, last]);
            log.Sync();
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var bytes = File.ReadAllBytes(segment);
        var (start, _) = LastRecord(bytes);
        bytes[start + 5] ^= 0x10; // the checksum of the length: the header no longer verifies
        File.WriteAllBytes(segment, bytes);

        using var reopened = SegmentedLog.Open(dir);
        Assert.Equal(start, reopened.Recovery.TailRepair!.Offset);
        Assert.Equal("garbled header of the last record", reopened.Recovery.TailRepair.Reason);
        LogEntries.AssertEqual(kept, reopened.Entries(1, reopened.LastIndex + 1));
    }

    [Fact]
    public void Non_zero_bytes_after_a_preallocated_zero_gap_are_corruption_not_a_tail()
    {
        // The crash model loses a suffix; a later byte that reached the device while earlier ones did not cannot be told
        // from damage, so the open stops instead of cutting the log there.
        var dir = _temp.Sub("wal");
        using (var log = SegmentedLog.Open(dir, new SegmentedLogOptions { PreallocateBytes = 4096 }))
        {
            log.Append(LogEntries.Range(1, 3, term: 1));
            log.Sync();
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var bytes = File.ReadAllBytes(segment);
        var end = SegmentScan.Run(bytes).StopOffset;
        bytes[end + 100] = 0x5A;
        File.WriteAllBytes(segment, bytes);

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir));
        Assert.Equal(end, error.Offset);
    }

    [Fact]
    public void A_garbled_last_record_is_cut_off()
    {
        var dir = _temp.Sub("wal");
        using (var log = SegmentedLog.Open(dir, NoPreallocation))
        {
            log.Append(LogEntries.Range(1, 5, term: 1));
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(segment, bytes);

        using var reopened = SegmentedLog.Open(dir, NoPreallocation);
        Assert.Equal(4, reopened.LastIndex);
        Assert.Equal("checksum mismatch in the last record", reopened.Recovery.TailRepair!.Reason);
    }

    [Fact]
    public void A_last_segment_torn_inside_its_header_block_is_started_again()
    {
        var dir = WriteSegments(out var paths);
        using (var log = SegmentedLog.Open(dir, TinySegments))
        {
            log.SetHardState(new HardState(4, 2, 3));
        }

        var last = paths[^1];
        var entries = SegmentedLogOpen(dir, log => log.Entries(log.FirstIndex, log.LastIndex + 1));
        using (var file = File.OpenHandle(last, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, 30);
        }

        using (var reopened = SegmentedLog.Open(dir, TinySegments))
        {
            Assert.Equal(0, reopened.Recovery.TailRepair!.Offset);
            LogEntries.AssertEqual(entries, reopened.Entries(reopened.FirstIndex, reopened.LastIndex + 1));
            reopened.Append([LogEntries.At(reopened.LastIndex + 1, 4)]);
        }

        using var again = SegmentedLog.Open(dir, TinySegments);
        Assert.Null(again.Recovery.TailRepair);
        Assert.Equal(entries.Count + 1, again.LastIndex);
    }

    [Fact]
    public void A_file_not_named_like_a_segment_stops_the_open()
    {
        var dir = _temp.Sub("wal");
        SegmentedLog.Open(dir).Dispose();
        File.WriteAllText(Path.Combine(dir, "notes.wal"), "hello");

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir));

        Assert.Contains("notes.wal", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Opening fails with <see cref="WalCorruptionException"/>, and every file is as it was, byte for byte.</summary>
    private static WalCorruptionException OpenFailsAndChangesNothing(string dir)
    {
        var before = TempDirectory.Files(dir);
        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir, TinySegments));
        Assert.Contains("Nothing was deleted or modified", error.Message, StringComparison.Ordinal);
        TempDirectory.AssertSameFiles(before, dir);
        return error;
    }

    private static (int Start, int End) LastRecord(byte[] segment)
    {
        var scan = SegmentScan.Run(segment);
        Assert.Equal(ScanOutcome.Clean, scan.Outcome);
        var last = scan.Records[^1];
        return (last.Offset, last.BodyOffset + last.BodyLength);
    }

    private static IReadOnlyList<Entry> SegmentedLogOpen(string dir, Func<SegmentedLog, IReadOnlyList<Entry>> read)
    {
        using var log = SegmentedLog.Open(dir, TinySegments);
        return read(log);
    }

    /// <summary>A synced log of at least five segments.</summary>
    private string WriteSegments(out IReadOnlyList<string> paths)
    {
        var dir = _temp.Sub("wal");
        using var log = SegmentedLog.Open(dir, TinySegments);
        var index = 1L;
        while (log.SegmentPaths.Count < 5)
        {
            log.Append(LogEntries.Range(index, 3, term: 1, dataBytes: 80));
            index += 3;
        }

        log.Sync();
        paths = log.SegmentPaths;
        return dir;
    }
}
