namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>What became of a chunk given to <see cref="SnapshotReceiver.Receive"/>.</summary>
public enum SnapshotChunkStatus
{
    /// <summary>Written; send the chunk at <see cref="SnapshotChunkResult.NextOffset"/> next.</summary>
    Accepted,

    /// <summary>The last chunk was written and the whole file verified and published.</summary>
    Published,

    /// <summary>The chunk does not start at <see cref="SnapshotChunkResult.NextOffset"/> (out of order, repeated, or one is missing). Nothing was written; the receive goes on.</summary>
    OutOfOrder,

    /// <summary>The receive failed (the finished file does not verify, or the receive had already ended); its temp file is gone. Start a new receive.</summary>
    Invalid,
}
