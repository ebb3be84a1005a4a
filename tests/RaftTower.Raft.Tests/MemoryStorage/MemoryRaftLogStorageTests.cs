using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;

namespace RaftTower.Raft.Tests.MemoryStorage;

public sealed class MemoryRaftLogStorageTests
{
    private static Entry E(long index, long term) => new(index, term, EntryType.Normal, index, new[] { (byte)index });

    private static SnapshotMetadata Snap(long index, long term) => new(index, term, new ConfigState([1], []), index);

    [Fact]
    public void Crash_loses_exactly_what_was_not_synced()
    {
        var storage = new MemoryRaftLogStorage();
        storage.Append([E(1, 1), E(2, 1)]);
        storage.SetHardState(new HardState(1, 1, 1));
        storage.Sync();
        storage.Append([E(2, 2), E(3, 2)]);
        storage.SetHardState(new HardState(2, 2, 2));

        storage.Crash();

        Assert.Equal(2, storage.LastIndex);
        Assert.Equal(1, storage.Term(2));
        Assert.Equal(new HardState(1, 1, 1), storage.HardState);
        Assert.False(storage.HasUnsyncedChanges);
    }

    [Fact]
    public void Append_truncates_a_conflicting_suffix()
    {
        var storage = new MemoryRaftLogStorage();
        storage.Append([E(1, 1), E(2, 1), E(3, 1)]);
        storage.Append([E(2, 3)]);

        Assert.Equal(2, storage.LastIndex);
        Assert.Equal(3, storage.Term(2));
    }

    [Fact]
    public void Append_outside_the_log_is_refused_and_changes_nothing()
    {
        var storage = new MemoryRaftLogStorage();
        storage.Append([E(1, 1)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => storage.Append([E(3, 1)]));
        Assert.Throws<ArgumentException>(() => storage.Append([E(2, 1), E(4, 1)]));
        Assert.Equal(1, storage.LastIndex);
    }

    [Fact]
    public void Entries_respect_the_byte_limit_but_return_at_least_one()
    {
        var storage = new MemoryRaftLogStorage();
        storage.Append([E(1, 1), E(2, 1), E(3, 1)]);

        Assert.Single(storage.Entries(1, 4, 1));
        Assert.Equal(2, storage.Entries(1, 4, 2 * E(1, 1).Size).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.Entries(0, 2));
    }

    [Fact]
    public void Compact_drops_the_prefix_and_a_crash_before_sync_restores_it()
    {
        var storage = new MemoryRaftLogStorage();
        storage.Append([E(1, 1), E(2, 1), E(3, 2)]);
        storage.Sync();
        storage.Compact(Snap(2, 1));

        Assert.Equal(3, storage.FirstIndex);
        Assert.Equal(1, storage.Term(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.Term(1));

        storage.Crash();
        Assert.Equal(1, storage.FirstIndex);
        Assert.Equal(3, storage.LastIndex);
    }

    [Fact]
    public void Install_snapshot_keeps_a_matching_suffix_and_drops_a_conflicting_log()
    {
        var matching = new MemoryRaftLogStorage();
        matching.Append([E(1, 1), E(2, 1), E(3, 1)]);
        matching.InstallSnapshot(Snap(2, 1));
        Assert.Equal((3L, 3L), (matching.FirstIndex, matching.LastIndex));

        var conflicting = new MemoryRaftLogStorage();
        conflicting.Append([E(1, 1), E(2, 1), E(3, 1)]);
        conflicting.InstallSnapshot(Snap(5, 2));
        Assert.Equal((6L, 5L), (conflicting.FirstIndex, conflicting.LastIndex));
        Assert.Equal(2, conflicting.Term(5));
    }
}
