namespace RaftTower.Raft.Transport;

/// <summary>What a received snapshot chunk did to the transfer.</summary>
public enum SnapshotChunkOutcome : byte
{
    /// <summary>Appended; more chunks are expected.</summary>
    InProgress = 0,

    /// <summary>The last chunk arrived: the snapshot is complete.</summary>
    Complete = 1,

    /// <summary>Out of order, duplicate or from another transfer: ignored (the transfer restarts with offset 0).</summary>
    Ignored = 2,
}
