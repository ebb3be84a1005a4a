namespace RaftTower.StateMachine.Snapshots;

/// <summary>How far a snapshot write or restore has come: records and stream bytes so far (reported after each block).</summary>
/// <param name="Records">Records written or restored so far.</param>
/// <param name="Bytes">Snapshot bytes written or read so far.</param>
public readonly record struct SnapshotProgress(long Records, long Bytes);
