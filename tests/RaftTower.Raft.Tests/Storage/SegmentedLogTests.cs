using System.Buffers.Binary;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;
using RaftTower.Raft.Storage.Wal.Internal;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>The <see cref="RaftTower.Raft.Storage.IRaftLogStorage"/> contract, as the segmented WAL keeps it.</summary>
public sealed class SegmentedLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Sub("wal");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void New_log_is_empty_with_no_snapshot_and_no_hard_state()
    {
        using var log = SegmentedLog.Open(Dir);

        Assert.Equal(HardState.Empty, log.HardState);
        Assert.Equal(SnapshotMetadata.None, log.Snapshot);
        Assert.Equal((1L, 0L), (log.FirstIndex, log.LastIndex));
        Assert.Equal(0, log.Term(0));
        Assert.Empty(log.Entries(1, 1));
        Assert.Single(log.SegmentPaths);
    }

    [Fact]
    public void Appended_entries_read_back_with_every_field()
    {
        using var log = SegmentedLog.Open(Dir);
        var entries = LogEntries.Range(1, 10, term: 2, dataBytes: 50);

        log.Append(entries);

        Assert.Equal(10, log.LastIndex);
        Assert.Equal(2, log.Term(7));
        LogEntries.AssertEqual(entries, log.Entries(1, 11));
        LogEntries.AssertEqual(entries[3..6], log.Entries(4, 7));
    }

    [Fact]
    public void Append_at_a_held_index_replaces_the_conflicting_suffix()
    {
        using var log = SegmentedLog.Open(Dir);
        log.Append(LogEntries.Range(1, 10, term: 1));

        var replacement = LogEntries.Range(6, 2, term: 3);
        log.Append(replacement);

        Assert.Equal(7, log.LastIndex);
        Assert.Equal(1, log.Term(5));
        Assert.Equal(3, log.Term(6));
        LogEntries.AssertEqual([.. LogEntries.Range(1, 5, term: 1), .. replacement], log.Entries(1, 8));
    }

    [Fact]
    public void Append_outside_the_log_or_with_bad_indices_or_terms_is_rejected_and_changes_nothing()
    {
        using var log = SegmentedLog.Open(Dir);
        log.Append(LogEntries.Range(1, 5, term: 2));
        log.Compact(new SnapshotMetadata(2, 2, LogEntries.Config(1), 0));
        var before = new FileInfo(log.SegmentPaths[^1]).Length;

        Assert.Throws<ArgumentException>(() => log.Append([LogEntries.At(7, 2)]));             // gap after LastIndex
        Assert.Throws<ArgumentException>(() => log.Append([LogEntries.At(2, 2)]));             // at or below the snapshot
        Assert.Throws<ArgumentException>(() => log.Append([LogEntries.At(6, 2), LogEntries.At(8, 2)])); // not consecutive
        Assert.Throws<ArgumentException>(() => log.Append([LogEntries.At(6, 1)]));             // term goes down
        Assert.Throws<ArgumentException>(() => log.Append([LogEntries.At(6, 3), LogEntries.At(7, 2)]));

        Assert.Equal((3L, 5L), (log.FirstIndex, log.LastIndex));
        Assert.Equal(before, new FileInfo(log.SegmentPaths[^1]).Length);
        log.Append([LogEntries.At(6, 2)]);
        Assert.Equal(6, log.LastIndex);
    }

    [Fact]
    public void Term_and_Entries_outside_the_held_range_throw()
    {
        using var log = SegmentedLog.Open(Dir);
        log.Append(LogEntries.Range(1, 5, term: 1));
        log.Compact(new SnapshotMetadata(2, 1, ConfigState.Empty, 0));

        Assert.Equal(1, log.Term(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Term(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Term(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Entries(2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Entries(3, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Entries(5, 4));
        Assert.Equal(3, log.Entries(3, 6).Count);
    }

    [Fact]
    public void Entries_stop_at_max_bytes_but_return_at_least_one()
    {
        using var log = SegmentedLog.Open(Dir);
        var entries = LogEntries.Range(1, 10, term: 1, dataBytes: 68); // Size = 32 + 68 = 100 each
        log.Append(entries);

        Assert.Equal(3, log.Entries(1, 11, maxBytes: 399).Count);
        Assert.Equal(4, log.Entries(1, 11, maxBytes: 400).Count);
        Assert.Single(log.Entries(1, 11, maxBytes: 1));
        Assert.Single(log.Entries(1, 11, maxBytes: 0));
        Assert.Equal(10, log.Entries(1, 11).Count);
    }

    [Fact]
    public void Hard_state_is_kept_and_a_lower_term_is_rejected()
    {
        using var log = SegmentedLog.Open(Dir);
        log.SetHardState(new HardState(3, 2, 0));
        log.SetHardState(new HardState(3, 2, 0));

        Assert.Equal(new HardState(3, 2, 0), log.HardState);
        Assert.Throws<ArgumentException>(() => log.SetHardState(new HardState(2, 1, 0)));
        Assert.Throws<ArgumentException>(() => log.SetHardState(new HardState(3, 2, -1)));
        Assert.Equal(new HardState(3, 2, 0), log.HardState);
    }

    [Fact]
    public void Compact_drops_entries_up_to_the_snapshot_and_keeps_the_rest()
    {
        using var log = SegmentedLog.Open(Dir);
        var entries = LogEntries.Range(1, 10, term: 1);
        log.Append(entries);
        var snapshot = new SnapshotMetadata(4, 1, LogEntries.Config(1, 2, 3), 1004);

        log.Compact(snapshot);

        Assert.Equal(snapshot, log.Snapshot);
        Assert.Equal((5L, 10L), (log.FirstIndex, log.LastIndex));
        Assert.Equal(1, log.Term(4));
        LogEntries.AssertEqual(entries[4..], log.Entries(5, 11));
    }

    [Fact]
    public void Compact_beyond_the_log_or_with_the_wrong_term_is_rejected_and_to_an_older_index_does_nothing()
    {
        using var log = SegmentedLog.Open(Dir);
        log.Append(LogEntries.Range(1, 5, term: 2));
        log.Compact(new SnapshotMetadata(2, 2, ConfigState.Empty, 0));

        Assert.Throws<ArgumentException>(() => log.Compact(new SnapshotMetadata(6, 2, ConfigState.Empty, 0)));
        Assert.Throws<ArgumentException>(() => log.Compact(new SnapshotMetadata(4, 1, ConfigState.Empty, 0)));
        log.Compact(new SnapshotMetadata(1, 2, ConfigState.Empty, 0));   // already compacted beyond: nothing to do
        Assert.Equal((3L, 5L, 2L), (log.FirstIndex, log.LastIndex, log.Snapshot.Index));
    }

    [Fact]
    public void Installing_a_snapshot_the_log_matches_keeps_the_entries_after_it()
    {
        using var log = SegmentedLog.Open(Dir);
        var entries = LogEntries.Range(1, 10, term: 1);
        log.Append(entries);

        log.InstallSnapshot(new SnapshotMetadata(6, 1, LogEntries.Config(1), 0));

        Assert.Equal((7L, 10L), (log.FirstIndex, log.LastIndex));
        LogEntries.AssertEqual(entries[6..], log.Entries(7, 11));
    }

    [Fact]
    public void Installing_a_snapshot_the_log_does_not_match_discards_every_entry()
    {
        using var log = SegmentedLog.Open(Dir);
        log.Append(LogEntries.Range(1, 10, term: 1));

        log.InstallSnapshot(new SnapshotMetadata(6, 2, LogEntries.Config(1), 0));   // same index, other term
        Assert.Equal((7L, 6L), (log.FirstIndex, log.LastIndex));
        Assert.Equal(2, log.Term(6));

        log.InstallSnapshot(new SnapshotMetadata(20, 3, LogEntries.Config(1), 0));  // beyond the log
        Assert.Equal((21L, 20L), (log.FirstIndex, log.LastIndex));
        log.Append([LogEntries.At(21, 3)]);
        Assert.Equal(21, log.LastIndex);
    }

    [Fact]
    public void Installing_an_older_snapshot_is_rejected()
    {
        using var log = SegmentedLog.Open(Dir);
        log.InstallSnapshot(new SnapshotMetadata(20, 3, ConfigState.Empty, 0));

        Assert.Throws<ArgumentException>(() => log.InstallSnapshot(new SnapshotMetadata(10, 3, ConfigState.Empty, 0)));
        Assert.Throws<ArgumentException>(() => log.InstallSnapshot(new SnapshotMetadata(20, 2, ConfigState.Empty, 0)));
        log.InstallSnapshot(new SnapshotMetadata(20, 3, ConfigState.Empty, 0));
        Assert.Equal(20, log.Snapshot.Index);
    }

    [Fact]
    public void Reopen_after_sync_gives_the_same_entries_hard_state_and_snapshot()
    {
        var model = new ReferenceLog();
        using (var log = SegmentedLog.Open(Dir))
        {
            Apply(log, model, l => l.Append(LogEntries.Range(1, 20, term: 1, dataBytes: 40)), m => m.Append(LogEntries.Range(1, 20, term: 1, dataBytes: 40)));
            Apply(log, model, l => l.Append(LogEntries.Range(15, 3, term: 2)), m => m.Append(LogEntries.Range(15, 3, term: 2)));
            var snapshot = new SnapshotMetadata(5, 1, LogEntries.Config(1, 2, 3), 1005);
            Apply(log, model, l => l.Compact(snapshot), m => m.Compact(snapshot));
            log.SetHardState(new HardState(2, 3, 12));
            model.HardState = new HardState(2, 3, 12);
            log.Sync();
        }

        using var reopened = SegmentedLog.Open(Dir);
        model.AssertMatches(reopened);
        Assert.Null(reopened.Recovery.TailRepair);
        Assert.Equal(17, reopened.Recovery.LastIndex);
    }

    [Fact]
    public void Tiny_segments_roll_over_and_every_entry_survives_a_reopen()
    {
        var options = new SegmentedLogOptions { SegmentSize = 1024 };
        var entries = LogEntries.Range(1, 200, term: 1, dataBytes: 100);
        using (var log = SegmentedLog.Open(Dir, options))
        {
            foreach (var batch in entries.Chunk(7))
            {
                log.Append(batch);
            }

            log.Sync();
            Assert.True(log.SegmentPaths.Count > 20, $"only {log.SegmentPaths.Count} segments");
            LogEntries.AssertEqual(entries, log.Entries(1, 201));
        }

        using var reopened = SegmentedLog.Open(Dir, options);
        LogEntries.AssertEqual(entries, reopened.Entries(1, 201));
        Assert.Equal(reopened.SegmentPaths.Count, Directory.GetFiles(Dir, "*.wal").Length);
    }

    [Fact]
    public void Compaction_deletes_only_whole_segments_holding_nothing_after_the_snapshot()
    {
        var options = new SegmentedLogOptions { SegmentSize = 1024 };
        var entries = LogEntries.Range(1, 100, term: 1, dataBytes: 100);
        List<string> before;
        using (var writer = SegmentedLog.Open(Dir, options))
        {
            foreach (var batch in entries.Chunk(3))
            {
                writer.Append(batch);
            }

            before = [.. writer.SegmentPaths];
        }

        var bytes = before.ToDictionary(p => p, File.ReadAllBytes);  // segment files are locked while a log has them open
        var log = SegmentedLog.Open(Dir, options);
        log.Compact(new SnapshotMetadata(50, 1, ConfigState.Empty, 1050));
        var after = log.SegmentPaths;
        LogEntries.AssertEqual(entries[50..], log.Entries(51, 101));
        log.Dispose();

        var deleted = before.Except(after).ToList();
        Assert.NotEmpty(deleted);
        Assert.All(deleted, p => Assert.False(File.Exists(p)));
        Assert.Equal(before.Skip(deleted.Count), after);                                       // a prefix went, nothing else
        Assert.All(after.SkipLast(1), p => Assert.Equal(bytes[p], File.ReadAllBytes(p)));     // kept files untouched
        Assert.All(deleted, p => Assert.True(EntryIndices(bytes[p]).All(i => i <= 50)));
        Assert.Contains(51L, EntryIndices(bytes[after[0]]));

        using var reopened = SegmentedLog.Open(Dir, options);
        Assert.Equal(50, reopened.Snapshot.Index);
        LogEntries.AssertEqual(entries[50..], reopened.Entries(51, 101));
    }

    [Fact]
    public void An_installed_snapshot_the_log_did_not_match_drops_every_old_segment_and_survives_a_reopen()
    {
        var options = new SegmentedLogOptions { SegmentSize = 1024 };
        var snapshot = new SnapshotMetadata(500, 7, LogEntries.Config(1, 2, 3), 5000);
        using (var log = SegmentedLog.Open(Dir, options))
        {
            foreach (var batch in LogEntries.Range(1, 60, term: 1, dataBytes: 100).Chunk(4))
            {
                log.Append(batch);
            }

            Assert.True(log.SegmentPaths.Count > 3);
            log.InstallSnapshot(snapshot);

            Assert.Single(log.SegmentPaths);
            Assert.Equal(log.SegmentPaths, Directory.GetFiles(Dir, "*.wal"));
            log.Append([LogEntries.At(501, 7)]);
            log.SetHardState(new HardState(7, 2, 500));
            log.Sync();
        }

        using var reopened = SegmentedLog.Open(Dir, options);
        Assert.Equal(snapshot, reopened.Snapshot);
        Assert.Equal((501L, 501L), (reopened.FirstIndex, reopened.LastIndex));
        Assert.Equal(new HardState(7, 2, 500), reopened.HardState);
        LogEntries.AssertEqual([LogEntries.At(501, 7)], reopened.Entries(501, 502));
    }

    [Fact]
    public void Reads_without_the_cache_come_from_the_segments()
    {
        var options = new SegmentedLogOptions { EntryCacheBytes = 0, SegmentSize = 4096 };
        var entries = LogEntries.Range(1, 50, term: 1, dataBytes: 200);
        using var log = SegmentedLog.Open(Dir, options);
        log.Append(entries[..25]);
        log.Append(entries[25..]);

        LogEntries.AssertEqual(entries, log.Entries(1, 51));
        LogEntries.AssertEqual(entries[10..14], log.Entries(11, 51, maxBytes: 4 * 232));  // Size = 32 + 200
        LogEntries.AssertEqual(entries[10..11], log.Entries(11, 51, maxBytes: 1));
        Assert.True(log.SegmentPaths.Count > 2);
    }

    [Fact]
    public void A_small_cache_still_serves_every_entry()
    {
        var options = new SegmentedLogOptions { EntryCacheBytes = 1000 };
        var entries = LogEntries.Range(1, 100, term: 1, dataBytes: 100);
        using var log = SegmentedLog.Open(Dir, options);
        foreach (var batch in entries.Chunk(10))
        {
            log.Append(batch);
        }

        LogEntries.AssertEqual(entries, log.Entries(1, 101));
    }

    [Fact]
    public void A_second_open_of_the_same_directory_fails_while_the_first_is_open()
    {
        using var log = SegmentedLog.Open(Dir);

        Assert.ThrowsAny<IOException>(() => SegmentedLog.Open(Dir));
        log.Append([LogEntries.At(1, 1)]);
        Assert.Equal(1, log.LastIndex);
    }

    [Theory]
    [InlineData(100, WalSyncMode.Fsync, 0, "SegmentSize")]
    [InlineData(2L << 30, WalSyncMode.Fsync, 0, "SegmentSize")]
    [InlineData(1 << 20, (WalSyncMode)7, 0, "SyncMode")]
    [InlineData(1 << 20, WalSyncMode.None, -1, "EntryCacheBytes")]
    public void Invalid_options_are_rejected_with_the_setting_named(long segmentSize, WalSyncMode mode, long cache, string name)
    {
        var options = new SegmentedLogOptions { SegmentSize = segmentSize, SyncMode = mode, EntryCacheBytes = cache };

        var error = Assert.Throws<ArgumentException>(() => SegmentedLog.Open(Dir, options));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir));
    }

    [Fact]
    public void Use_after_dispose_throws()
    {
        var log = SegmentedLog.Open(Dir);
        log.Dispose();

        Assert.Throws<ObjectDisposedException>(() => log.Append([LogEntries.At(1, 1)]));
        Assert.Throws<ObjectDisposedException>(() => log.Term(0));
    }

    private static List<long> EntryIndices(byte[] segment)
    {
        var scan = SegmentScan.Run(segment);
        return [.. scan.Records
            .Where(r => segment[r.BodyOffset] == (byte)RecordType.Entry)
            .Select(r => BinaryPrimitives.ReadInt64LittleEndian(segment.AsSpan(r.BodyOffset + 1)))];
    }

    private static void Apply(SegmentedLog log, ReferenceLog model, Action<SegmentedLog> onLog, Action<ReferenceLog> onModel)
    {
        onLog(log);
        onModel(model);
        model.AssertMatches(log);
    }
}
