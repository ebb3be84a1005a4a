namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>How a segment scan ended.</summary>
internal enum ScanOutcome
{
    /// <summary>Every byte belongs to a valid record.</summary>
    Clean,

    /// <summary>The last record is cut short or garbled and nothing but zeros follows it: what a crash mid-write leaves.</summary>
    TornTail,

    /// <summary>A bad record with data after it: damage that a crash cannot explain.</summary>
    Corrupt,
}
