namespace RaftTower.Chaos.Backends;

/// <summary>
/// What a run and its nemesis need from a backend (local processes or Docker containers): start the nodes, find the
/// leader, kill/restart, pause/resume, cut and heal directed peer links, stop. Every fault method is idempotent and
/// <see cref="HealAllAsync"/> ends every fault the nemesis may have left.
/// </summary>
internal interface IChaosCluster : IAsyncDisposable
{
    /// <summary>The node ids, 1..N.</summary>
    IReadOnlyList<ulong> Ids { get; }

    /// <summary>The client URLs the workload's TowerClients connect to.</summary>
    IReadOnlyList<string> ClientUrls { get; }

    /// <summary>Starts every node and waits for a leader; <see cref="TimeoutException"/> when none is elected in time.</summary>
    Task StartAsync(TimeSpan timeout);

    /// <summary>The leader a majority of the reachable nodes agree on, waiting up to <paramref name="timeout"/>; null if none.</summary>
    Task<ulong?> LeaderAsync(TimeSpan timeout);

    /// <summary>SIGKILL the node (data directory kept).</summary>
    Task KillAsync(ulong id);

    /// <summary>Starts a killed node again with its data directory.</summary>
    Task RestartAsync(ulong id);

    /// <summary>Freezes the node (SIGSTOP or docker pause).</summary>
    Task PauseAsync(ulong id);

    /// <summary>Resumes a paused node.</summary>
    Task ResumeAsync(ulong id);

    /// <summary>Cuts every directed link (from, to) that <paramref name="connected"/> does not allow and heals the others.</summary>
    Task PartitionAsync(Func<ulong, ulong, bool> connected);

    /// <summary>Heals every link.</summary>
    Task HealLinksAsync();

    /// <summary>Ends every fault: links healed, paused nodes resumed, killed nodes restarted.</summary>
    Task HealAllAsync();

    /// <summary>
    /// The peer address (<c>host:port</c>) every member reaches node <paramref name="id"/> at, as the member nemesis
    /// records it when it adds the node back (<c>AddMember</c>); the same for every member.
    /// </summary>
    string PeerAddressOf(ulong id);

    /// <summary>
    /// For the member nemesis, after the node was removed from the cluster: stops node <paramref name="id"/>, deletes
    /// its data and starts it empty with no <c>--members</c>, a joiner that waits to be added back.
    /// </summary>
    Task ResetAsJoinerAsync(ulong id);

    /// <summary>
    /// For the member nemesis, once node <paramref name="id"/> is a voter again after <see cref="ResetAsJoinerAsync"/>:
    /// whatever the backend needs to treat it as an ordinary member again (the local backend restarts it with its
    /// member list, so it reaches the others through their proxies rather than the addresses their hellos gave it).
    /// </summary>
    Task RejoinedAsync(ulong id) => Task.CompletedTask;

    /// <summary>Stops every node (SIGTERM, then SIGKILL) and leaves their logs under the run's logs directory.</summary>
    Task StopAsync();
}
