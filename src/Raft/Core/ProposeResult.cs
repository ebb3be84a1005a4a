namespace RaftTower.Raft.Core;

/// <summary>What happened to a proposal.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Index">Log index of the (first) appended entry when accepted; 0 otherwise.</param>
/// <param name="Term">The leader's term when accepted; the node's term otherwise.</param>
/// <param name="LeaderHint">The known leader (0 when unknown), useful with <see cref="ProposeStatus.NotLeader"/>.</param>
public readonly record struct ProposeResult(ProposeStatus Status, long Index, long Term, ulong LeaderHint)
{
    /// <summary>True when the entry was appended.</summary>
    public bool IsAccepted => Status == ProposeStatus.Accepted;
}
