namespace RaftTower.Client;

/// <summary>One member of the cluster configuration.</summary>
/// <param name="Id">The node id.</param>
/// <param name="PeerAddress">Where the other nodes reach it (Raft traffic).</param>
/// <param name="ClientAddress">Where clients reach it.</param>
/// <param name="IsLearner">True for a non-voting learner.</param>
/// <param name="Role">Its role as the answering node sees it.</param>
/// <param name="MatchIndex">The highest log index known replicated on it (as the leader sees it; 0 elsewhere).</param>
public sealed record ClusterMember(ulong Id, string PeerAddress, string ClientAddress, bool IsLearner, MemberRole Role, ulong MatchIndex);
