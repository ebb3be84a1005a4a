namespace RaftTower.Raft.Core;

/// <summary>What a snapshot covers: every entry up to and including <paramref name="Index"/>.</summary>
/// <param name="Index">Last entry the snapshot includes.</param>
/// <param name="Term">Term of that entry.</param>
/// <param name="Config">The configuration in effect at <paramref name="Index"/>.</param>
/// <param name="Timestamp">The timestamp of the entry at <paramref name="Index"/> (keeps log time monotonic after compaction).</param>
public sealed record SnapshotMetadata(long Index, long Term, ConfigState Config, long Timestamp)
{
    /// <summary>The "no snapshot" value: index 0, term 0.</summary>
    public static SnapshotMetadata None { get; } = new(0, 0, ConfigState.Empty, 0);
}
