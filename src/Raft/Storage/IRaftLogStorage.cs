using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage;

/// <summary>
/// The durable half of a Raft node: its log, hard state and the metadata of the snapshot the log starts after.
/// The pure core reads from it; the host writes to it from each ready batch, then calls <see cref="Sync"/>
/// before sending the batch's messages or acknowledging its entries.
/// </summary>
/// <remarks>
/// Single-threaded: one caller at a time. Index rules: the log holds entries
/// <c>[FirstIndex, LastIndex]</c>; <c>FirstIndex == Snapshot.Index + 1</c>; an empty log has
/// <c>LastIndex == Snapshot.Index</c>. <see cref="Term"/> answers for <c>Snapshot.Index</c> too.
/// Implementations: <c>Storage/Wal/SegmentedLog</c> (production) and <c>MemoryRaftLogStorage</c> (tests and simulator;
/// it can drop what was not synced to model a crash).
/// </remarks>
public interface IRaftLogStorage : IDisposable
{
    /// <summary>The hard state last written (not necessarily synced yet).</summary>
    HardState HardState { get; }

    /// <summary>The snapshot the log starts after; <see cref="SnapshotMetadata.None"/> when there is none.</summary>
    SnapshotMetadata Snapshot { get; }

    /// <summary>Index of the first entry held; <c>Snapshot.Index + 1</c>.</summary>
    long FirstIndex { get; }

    /// <summary>Index of the last entry held; <c>Snapshot.Index</c> when the log is empty.</summary>
    long LastIndex { get; }

    /// <summary>Term of the entry at <paramref name="index"/>; throws <see cref="ArgumentOutOfRangeException"/> outside <c>[Snapshot.Index, LastIndex]</c>.</summary>
    long Term(long index);

    /// <summary>Entries <c>[from, toExclusive)</c>, stopping early once <paramref name="maxBytes"/> is passed (at least one entry is returned).</summary>
    IReadOnlyList<Entry> Entries(long from, long toExclusive, long maxBytes = long.MaxValue);

    /// <summary>
    /// Appends <paramref name="entries"/> (consecutive indices). When the first index is ≤ <see cref="LastIndex"/>,
    /// every held entry from that index on is discarded first (a conflicting suffix, Raft Figure 2 receiver rule 3).
    /// The first index must be in <c>[FirstIndex, LastIndex + 1]</c>.
    /// </summary>
    void Append(IReadOnlyList<Entry> entries);

    /// <summary>Records the hard state.</summary>
    void SetHardState(HardState state);

    /// <summary>Makes everything written so far durable (one fsync per batch: group commit).</summary>
    void Sync();

    /// <summary>
    /// Drops entries up to and including <c>snapshot.Index</c> (≤ the applied index, after a snapshot at
    /// or beyond it is saved). <paramref name="snapshot"/> becomes <see cref="Snapshot"/>.
    /// </summary>
    void Compact(SnapshotMetadata snapshot);

    /// <summary>
    /// Replaces the whole log by an installed snapshot: every entry is dropped when the log does not contain an
    /// entry matching (<c>snapshot.Index</c>, <c>snapshot.Term</c>); otherwise entries after it are kept (Raft §7).
    /// </summary>
    void InstallSnapshot(SnapshotMetadata snapshot);
}
