namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>The answer of <see cref="FileSnapshotStore.OpenLatest"/>.</summary>
/// <param name="Snapshot">The newest valid snapshot, open for reading; null when there is none. The caller disposes it.</param>
/// <param name="Skipped">Newer snapshot files that failed verification, newest first.</param>
public sealed record LatestSnapshot(OpenedSnapshot? Snapshot, IReadOnlyList<CorruptSnapshot> Skipped);
