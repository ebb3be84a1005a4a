namespace RaftTower.StateMachine.Snapshots;

/// <summary>The outcome of a complete snapshot write or restore.</summary>
/// <param name="Records">The number of records in the snapshot.</param>
/// <param name="Bytes">The snapshot's length in bytes.</param>
/// <param name="Checksum">The CRC32C of the whole snapshot (as stored in its trailer).</param>
public readonly record struct SnapshotSummary(long Records, long Bytes, uint Checksum);
