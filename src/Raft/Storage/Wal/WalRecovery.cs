using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Wal;

/// <summary>What <see cref="SegmentedLog.Open"/> found on disk.</summary>
/// <param name="Segments">Segment files replayed.</param>
/// <param name="Records">Valid records replayed.</param>
/// <param name="Snapshot">The snapshot the recovered log starts after.</param>
/// <param name="LastIndex">The last recovered entry index.</param>
/// <param name="TailRepair">The torn tail cut off, or null when the log ended cleanly.</param>
public sealed record WalRecovery(int Segments, long Records, SnapshotMetadata Snapshot, long LastIndex, WalTailRepair? TailRepair);
