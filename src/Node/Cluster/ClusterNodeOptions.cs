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
    /// How long a read sent alone with a client's confirm id waits for followers' confirmations before the leader
    /// sends a heartbeat round for it (a confirmation normally arrives within a loopback round trip, ~0.1 ms).
    /// </summary>
    public TimeSpan ReadConfirmWait { get; init; } = TimeSpan.FromMilliseconds(2);
}
