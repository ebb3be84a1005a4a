namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// What a snapshot record did to the held entries. The decision is taken when the record is written and stored,
/// so replay never re-derives it (after old segments are dropped, replay could not check the match itself).
/// </summary>
internal enum SnapshotMode : byte
{
    /// <summary>Entries up to the snapshot index are dropped, later ones kept (compaction, or an installed snapshot the log matches).</summary>
    KeepSuffix = 0,

    /// <summary>Every entry is dropped: an installed snapshot the log did not match (Raft §7).</summary>
    DiscardAll = 1,
}
