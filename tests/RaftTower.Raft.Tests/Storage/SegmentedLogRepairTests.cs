using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>Start-up repair: a torn tail is cut off; any other damage stops the open and changes no file.</summary>
public sealed class SegmentedLogRepairTests : IDisposable
{
    private static readonly SegmentedLogOptions TinySegments = new() { SegmentSize = 1024 };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Truncation_at_every_byte_of_the_last_record_drops_only_that_record_and_appends_continue()
    {
        var source = _temp.Sub("source");
        var kept = LogEntries.Range(1, 4, term: 1, dataBytes: 60);
        var hardState = new HardState(1, 7, 3);
        using (var log = SegmentedLog.Open(source))
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
            using (var log = SegmentedLog.Open(dir, new SegmentedLogOptions { OnTailRepaired = r => reported = r }))
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
            var before = TempDirectory.Files(dir);

            var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir));

            Assert.Equal(segment, error.FilePath);
            Assert.Equal(offset, error.Offset);
            Assert.Contains(Path.GetFileName(segment), error.Message, StringComparison.Ordinal);
            Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was deleted or modified", error.Message, StringComparison.Ordinal);
            TempDirectory.AssertSameFiles(before, dir);
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
        var before = TempDirectory.Files(dir);

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir, TinySegments));

        Assert.Equal((older, (long?)last.Offset), (error.FilePath, error.Offset));
        Assert.Contains("not the last", error.Message, StringComparison.Ordinal);
        TempDirectory.AssertSameFiles(before, dir);
    }

    [Fact]
    public void A_truncated_older_segment_stops_the_open()
    {
        var dir = WriteSegments(out var paths);
        using (var file = File.OpenHandle(paths[0], FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, new FileInfo(paths[0]).Length - 5);
        }

        var before = TempDirectory.Files(dir);

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir, TinySegments));

        Assert.Equal(paths[0], error.FilePath);
        TempDirectory.AssertSameFiles(before, dir);
    }

    [Fact]
    public void A_missing_segment_stops_the_open_naming_the_gap_and_changes_nothing()
    {
        var dir = WriteSegments(out var paths);
        File.Delete(paths[2]);
        var before = TempDirectory.Files(dir);

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir, TinySegments));

        Assert.Contains("segment sequence 2..2 is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(paths[1]), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(paths[3]), error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was deleted or modified", error.Message, StringComparison.Ordinal);
        TempDirectory.AssertSameFiles(before, dir);
    }

    [Fact]
    public void A_missing_first_segment_stops_the_open_naming_the_missing_entries()
    {
        var dir = WriteSegments(out var paths);
        File.Delete(paths[0]);
        var before = TempDirectory.Files(dir);

        var error = Assert.Throws<WalCorruptionException>(() => SegmentedLog.Open(dir, TinySegments));

        Assert.Matches("entries 1\\.\\.[0-9]+ are missing", error.Message);
        Assert.Equal(paths[1], error.FilePath);
        TempDirectory.AssertSameFiles(before, dir);
    }

    [Fact]
    public void A_zero_filled_tail_is_cut_off()
    {
        var dir = _temp.Sub("wal");
        var entries = LogEntries.Range(1, 5, term: 1);
        using (var log = SegmentedLog.Open(dir))
        {
            log.Append(entries);
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var length = new FileInfo(segment).Length;
        using (var file = File.OpenHandle(segment, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, length + 4096);
        }

        using var reopened = SegmentedLog.Open(dir);
        Assert.Equal((length, 4096L), (reopened.Recovery.TailRepair!.Offset, reopened.Recovery.TailRepair.BytesDropped));
        LogEntries.AssertEqual(entries, reopened.Entries(1, 6));
    }

    [Fact]
    public void A_garbled_last_record_is_cut_off()
    {
        var dir = _temp.Sub("wal");
        using (var log = SegmentedLog.Open(dir))
        {
            log.Append(LogEntries.Range(1, 5, term: 1));
        }

        var segment = Directory.GetFiles(dir, "*.wal").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(segment, bytes);

        using var reopened = SegmentedLog.Open(dir);
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
