namespace RaftTower.Raft.Core;

/// <summary>
/// A confirmed linearizable read (thesis §6.4): once the state machine has applied <paramref name="Index"/>,
/// the read identified by <paramref name="Context"/> may be served from it.
/// </summary>
/// <param name="Index">The read index: the leader's commit index when the read arrived, confirmed by a quorum.</param>
/// <param name="Context">The context given to <see cref="RaftNode.ReadIndex"/>.</param>
public readonly record struct ReadState(long Index, ReadOnlyMemory<byte> Context);
