namespace RaftTower.Node.Cluster;

/// <summary>A point-in-time view of a node for <c>/status</c>, the Cluster.Status RPC and metrics.</summary>
internal sealed record NodeStatus(
    ulong NodeId,
    int Pid,
    string Role,
    long Term,
    ulong LeaderId,
    long CommitIndex,
    long AppliedIndex,
    long LastIndex,
    long SnapshotIndex,
    IReadOnlyList<MemberStatus> Members);

/// <summary>One member as this node sees it.</summary>
internal sealed record MemberStatus(ulong Id, bool Learner, string PeerAddress, string? ClientUrl, long MatchIndex);
