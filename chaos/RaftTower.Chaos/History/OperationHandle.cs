namespace RaftTower.Chaos.History;

/// <summary>Identifies an invoked operation in a <see cref="HistoryRecorder"/> until it completes.</summary>
internal readonly record struct OperationHandle(long Id);
