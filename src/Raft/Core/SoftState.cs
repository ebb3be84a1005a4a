namespace RaftTower.Raft.Core;

/// <summary>Volatile state worth reporting when it changes: who leads and what this node is.</summary>
/// <param name="Leader">The known leader; 0 when unknown.</param>
/// <param name="Role">This node's role.</param>
public readonly record struct SoftState(ulong Leader, RaftRole Role);
