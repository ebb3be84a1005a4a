namespace RaftTower.Node.Cluster;

/// <summary>How the node answered a write or a read, before it is turned into a wire response.</summary>
internal enum NodeReplyStatus
{
    /// <summary>Applied (write) or answered (read); <see cref="NodeReply.Result"/> holds the state machine's encoded result.</summary>
    Ok,

    /// <summary>This node does not lead; <see cref="NodeReply.LeaderId"/> names the leader when known.</summary>
    NotLeader,

    /// <summary>
    /// No answer can be given now (no leader, leadership lost, the entry was replaced by a new leader's). A write may or
    /// may not have been applied; a retry with the same session header is safe (applied at most once).
    /// </summary>
    Unavailable,
}

/// <summary>The node's answer to one request.</summary>
internal readonly record struct NodeReply(NodeReplyStatus Status, byte[] Result, ulong LeaderId, long Term, string? Reason = null, RaftTower.Raft.Core.ProposeStatus? Refusal = null, long Index = 0)
{
    public static NodeReply Ok(byte[] result, long term) => new(NodeReplyStatus.Ok, result, 0, term);

    public static NodeReply NotLeader(ulong leader, long term) => new(NodeReplyStatus.NotLeader, [], leader, term);

    public static NodeReply Unavailable(string reason, ulong leader, long term) => new(NodeReplyStatus.Unavailable, [], leader, term, reason);
}
