namespace RaftTower.Chaos.Checkers;

/// <summary>What a checker concluded (Jepsen's :valid? true / false / :unknown).</summary>
internal enum VerdictOutcome
{
    /// <summary>The history satisfies the property.</summary>
    Valid,

    /// <summary>The history violates the property; the verdict carries a failing slice.</summary>
    Invalid,

    /// <summary>The checker gave up within its budget; neither proven valid nor invalid.</summary>
    Unknown,
}
