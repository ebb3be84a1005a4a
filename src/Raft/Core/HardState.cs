namespace RaftTower.Raft.Core;

/// <summary>The state a node must persist (fsync) before sending any message that depends on it (Raft Figure 2).</summary>
/// <param name="Term">Latest term the node has seen.</param>
/// <param name="VotedFor">Candidate voted for in <paramref name="Term"/>; 0 = none. Node ids are positive.</param>
/// <param name="Commit">Highest index known committed (persisted so a restart can re-apply without waiting).</param>
public readonly record struct HardState(long Term, ulong VotedFor, long Commit)
{
    /// <summary>The state of a node that has never run.</summary>
    public static HardState Empty => default;
}
