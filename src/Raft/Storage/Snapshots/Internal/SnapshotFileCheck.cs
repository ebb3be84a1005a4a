using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Snapshots.Internal;

/// <summary>The verdict on one snapshot file: its metadata and where its content lies, or what is wrong with it.</summary>
internal readonly record struct SnapshotFileCheck(SnapshotMetadata? Metadata, long ContentOffset, long ContentLength, string? Problem)
{
    public bool Valid => Problem is null;

    public static SnapshotFileCheck Bad(string problem) => new(null, 0, 0, problem);
}
