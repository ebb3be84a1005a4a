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
    int MaxValueBytes);
