namespace RaftTower.Raft.Core.Internal;

/// <summary>A read waiting for a quorum to confirm heartbeat round <paramref name="Round"/> (thesis §6.4).</summary>
/// <param name="Round">The leader's heartbeat round the read waits for.</param>
/// <param name="Index">The leader's commit index when the read arrived: the read index.</param>
/// <param name="Context">The requester's context.</param>
/// <param name="From">The node that asked (this node or a follower that forwarded it).</param>
/// <param name="ConfirmId">Non-zero when followers may confirm this read directly (<see cref="RaftNode.ConfirmRead"/>).</param>
internal readonly record struct ReadRequest(long Round, long Index, ReadOnlyMemory<byte> Context, ulong From, ulong ConfirmId = 0);
