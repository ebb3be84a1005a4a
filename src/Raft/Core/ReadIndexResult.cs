namespace RaftTower.Raft.Core;

/// <summary>What happened to a read request.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="LeaderHint">The leader the request was forwarded to, or this node when it leads; 0 when unknown.</param>
public readonly record struct ReadIndexResult(ReadIndexStatus Status, ulong LeaderHint);
