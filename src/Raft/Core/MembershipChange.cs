namespace RaftTower.Raft.Core;

/// <summary>One membership change request.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="NodeId">The node it applies to (0 for <see cref="MembershipChangeKind.Initialize"/>).</param>
public readonly record struct MembershipChange(MembershipChangeKind Kind, ulong NodeId);
