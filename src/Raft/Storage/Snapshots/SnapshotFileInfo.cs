namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>A published snapshot file, as its name describes it (not yet verified).</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Index">Last log index the snapshot covers.</param>
/// <param name="Term">Term of that entry.</param>
/// <param name="Length">File size in bytes (header, content and trailer).</param>
public sealed record SnapshotFileInfo(string Path, long Index, long Term, long Length);
