namespace RaftTower.Client;

/// <summary>A member's Raft role as the answering node sees it.</summary>
public enum MemberRole
{
    /// <summary>The node did not say.</summary>
    Unknown = 0,

    /// <summary>A voting follower.</summary>
    Follower = 1,

    /// <summary>Campaigning in an election.</summary>
    Candidate = 2,

    /// <summary>The leader of the current term.</summary>
    Leader = 3,

    /// <summary>A non-voting member catching up before promotion.</summary>
    Learner = 4,

    /// <summary>The leader cannot reach it.</summary>
    Unreachable = 5,
}
