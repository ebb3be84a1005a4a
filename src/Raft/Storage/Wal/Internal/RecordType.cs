namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>The first byte of every record body. Values are part of the on-disk format (docs/wal.md): never renumber.</summary>
internal enum RecordType : byte
{
    /// <summary>First record of every segment: magic, format version, sequence and first index (must match the file name).</summary>
    SegmentHeader = 1,

    /// <summary>One log entry. An index at or below the last one held replaces that suffix (Raft Figure 2, receiver rule 3).</summary>
    Entry = 2,

    /// <summary>The hard state (term, vote, commit); the newest record wins.</summary>
    HardState = 3,

    /// <summary>A snapshot the log now starts after, with what happened to the held entries (<see cref="SnapshotMode"/>).</summary>
    Snapshot = 4,
}
