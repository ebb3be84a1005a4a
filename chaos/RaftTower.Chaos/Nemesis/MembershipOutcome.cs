namespace RaftTower.Chaos.Nemesis;

/// <summary>How one membership call ended.</summary>
internal enum MembershipOutcome
{
    /// <summary>The change was applied.</summary>
    Done,

    /// <summary>Add: the node is a member already (a final answer).</summary>
    AlreadyExists,

    /// <summary>Remove or promote: the node is not a member (a final answer).</summary>
    NotFound,

    /// <summary>Refused for now or ended indeterminate: look at the configuration before trying again.</summary>
    Uncertain,
}
