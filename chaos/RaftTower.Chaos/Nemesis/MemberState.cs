namespace RaftTower.Chaos.Nemesis;

/// <summary>Where a node stands in the configuration the leader reports.</summary>
internal enum MemberState
{
    /// <summary>No leader answered: nothing is known.</summary>
    Unknown,

    /// <summary>Not in the configuration.</summary>
    Absent,

    /// <summary>A non-voting learner (catching up before its promotion).</summary>
    Learner,

    /// <summary>A voter.</summary>
    Voter,
}
