namespace RaftTower.Chaos.Nemesis;

/// <summary>The families of faults <c>--nemesis</c> names.</summary>
internal enum NemesisKind
{
    /// <summary>Network partitions through the link proxies.</summary>
    Partition,

    /// <summary>SIGKILL and restart with the same data directory.</summary>
    Kill,

    /// <summary>SIGSTOP, then SIGCONT.</summary>
    Pause,

    /// <summary>Remove a node under load, wipe it, add it back as a new voter.</summary>
    Member,
}
