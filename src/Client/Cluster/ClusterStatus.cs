namespace RaftTower.Client;

/// <summary>The cluster as one node sees it.</summary>
/// <param name="NodeId">The node that answered.</param>
/// <param name="Role">Its role.</param>
/// <param name="LeaderId">The leader it knows (0 when none).</param>
/// <param name="LeaderAddress">The leader's client address, or null when no leader is known.</param>
/// <param name="Term">Its current Raft term.</param>
/// <param name="CommitIndex">Its highest log index known committed.</param>
/// <param name="AppliedIndex">Its highest log index applied to the state machine.</param>
/// <param name="Members">The configuration: voters and learners.</param>
public sealed record ClusterStatus(
    ulong NodeId,
    MemberRole Role,
    ulong LeaderId,
    string? LeaderAddress,
    ulong Term,
    ulong CommitIndex,
    ulong AppliedIndex,
    IReadOnlyList<ClusterMember> Members)
{
    /// <summary>How far a member's replicated log is behind the commit index (null when its match index is unknown).</summary>
    public ulong? LagOf(ClusterMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.MatchIndex == 0 ? null : CommitIndex > member.MatchIndex ? CommitIndex - member.MatchIndex : 0;
    }
}
