namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>The outcome of one chunk.</summary>
/// <param name="Status">What became of the chunk.</param>
/// <param name="NextOffset">The offset the receiver expects next (bytes received so far).</param>
/// <param name="Problem">Why the chunk was refused; null when it was taken.</param>
/// <param name="Published">The published file, when <paramref name="Status"/> is <see cref="SnapshotChunkStatus.Published"/>.</param>
public readonly record struct SnapshotChunkResult(SnapshotChunkStatus Status, long NextOffset, string? Problem, SnapshotFileInfo? Published);
