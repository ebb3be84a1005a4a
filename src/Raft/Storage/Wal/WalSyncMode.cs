namespace RaftTower.Raft.Storage.Wal;

/// <summary>What <see cref="SegmentedLog.Sync"/> does.</summary>
public enum WalSyncMode
{
    /// <summary>
    /// The default: <see cref="SegmentedLog.Sync"/> fsyncs the active segment, and segment rollover fsyncs the old
    /// segment and the directory. Synced records survive a power loss.
    /// </summary>
    Fsync = 0,

    /// <summary>
    /// No fsync at all: records reach the OS page cache only. They survive a process crash but not a power loss or
    /// kernel crash, which breaks Raft's safety (a node may forget a vote or an acknowledged entry). For tests and
    /// throw-away clusters only.
    /// </summary>
    None = 1,
}
