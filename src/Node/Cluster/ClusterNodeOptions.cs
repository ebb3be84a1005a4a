using System.Net;

namespace RaftTower.Node.Cluster;

/// <summary>What the cluster engine needs, derived from the validated node options.</summary>
internal sealed record ClusterNodeOptions(
    ulong Id,
    string DataDir,
    string ClientUrl,
    IReadOnlyDictionary<ulong, DnsEndPoint> InitialMembers,
    TimeSpan TickInterval,
    int ElectionTicks,
    long SnapshotIntervalEntries,
    bool Fsync,
    long MemoryBudgetBytes,
    int MaxKeyBytes,
    int MaxValueBytes)
{
    /// <summary>
    /// How long a read round sent to just a quorum's worth of followers (or, for a read sent alone with a client's
    /// confirm id, to none) may go unconfirmed before the leader sends it to every follower (an answer normally comes
    /// within a loopback round trip, ~0.1 ms).
    /// </summary>
    public TimeSpan ReadRoundWait { get; init; } = TimeSpan.FromMilliseconds(2);
}
