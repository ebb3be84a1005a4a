namespace RaftTower.Raft.Core;

/// <summary>The role a node plays in its current term.</summary>
public enum RaftRole : byte
{
    /// <summary>Follows a leader (or waits for one).</summary>
    Follower = 0,

    /// <summary>Asking for pre-votes before starting a real election (thesis §9.6); the term is unchanged.</summary>
    PreCandidate = 1,

    /// <summary>Campaigning for the current term (§5.2).</summary>
    Candidate = 2,

    /// <summary>Leads the current term.</summary>
    Leader = 3,
}
