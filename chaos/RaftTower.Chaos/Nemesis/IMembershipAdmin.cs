namespace RaftTower.Chaos.Nemesis;

/// <summary>The membership calls the member nemesis makes (through a <c>TowerClient</c>; faked in tests).</summary>
internal interface IMembershipAdmin
{
    /// <summary>Where <paramref name="id"/> stands in the configuration the leader reports.</summary>
    Task<MemberState> StateOfAsync(ulong id, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="id"/>.</summary>
    Task<MembershipOutcome> RemoveAsync(ulong id, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="id"/> back as a voter (it joins as a learner and is promoted once caught up).</summary>
    Task<MembershipOutcome> AddAsync(ulong id, CancellationToken cancellationToken);

    /// <summary>Promotes learner <paramref name="id"/> to voter.</summary>
    Task<MembershipOutcome> PromoteAsync(ulong id, CancellationToken cancellationToken);
}
