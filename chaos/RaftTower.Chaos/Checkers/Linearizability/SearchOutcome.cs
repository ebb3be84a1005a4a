namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>How a WGL search ended.</summary>
internal enum SearchOutcome
{
    /// <summary>A linearization of every determinate operation was found.</summary>
    Linearizable,

    /// <summary>The search space was exhausted: no linearization exists.</summary>
    NotLinearizable,

    /// <summary>The budget ran out first.</summary>
    Unknown,
}
