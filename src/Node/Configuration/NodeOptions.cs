namespace RaftTower.Node.Configuration;

/// <summary>
/// Settings of one node, bound from the <c>RaftTower</c> configuration section: appsettings.json,
/// environment variables (<c>RAFTTOWER__ID=1</c>, <c>RAFTTOWER__DATADIR=...</c>) and the command line
/// (<c>--id 1 --data-dir DIR ...</c>), later sources winning. Validated at start by <see cref="NodeOptionsValidator"/>.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "RaftTower";

    /// <summary>This node's id, a positive integer unique in the cluster. Required.</summary>
    public ulong Id { get; set; }

    /// <summary>Directory holding the write-ahead log, snapshots and the state machine's files. Required.</summary>
    public string DataDir { get; set; } = string.Empty;

    /// <summary>Client API listener (gRPC over h2c), e.g. <c>http://127.0.0.1:7101</c>. Required.</summary>
    public string ClientUrl { get; set; } = string.Empty;

    /// <summary>
    /// The client URL this node gives clients and peers (in leader hints and the member directory) when it differs
    /// from the listener, e.g. a container that listens on <c>http://0.0.0.0:7101</c> but is reached at
    /// <c>http://10.0.0.1:7101</c>. Default: <see cref="ClientUrl"/>; required when that is a wildcard address.
    /// </summary>
    public string AdvertiseClientUrl { get; set; } = string.Empty;

    /// <summary>The client URL to advertise: <see cref="AdvertiseClientUrl"/> when set, else <see cref="ClientUrl"/>.</summary>
    public string AdvertisedClientUrl => string.IsNullOrWhiteSpace(AdvertiseClientUrl) ? ClientUrl : AdvertiseClientUrl;

    /// <summary>Peer transport listener, e.g. <c>tcp://127.0.0.1:7201</c>. Required.</summary>
    public string PeerUrl { get; set; } = string.Empty;

    /// <summary>Admin HTTP listener (<c>/health</c>, <c>/status</c>, <c>/metrics</c>), e.g. <c>http://127.0.0.1:7301</c>. Required.</summary>
    public string HttpUrl { get; set; } = string.Empty;

    /// <summary>
    /// The initial voters as <c>id=host:port</c> pairs of peer addresses, comma-separated, including this node:
    /// <c>1=127.0.0.1:7201,2=127.0.0.1:7202,3=127.0.0.1:7203</c>. Used only when the data directory is new;
    /// afterwards membership comes from the replicated log. Empty for a node that joins an existing cluster
    /// (it waits to be added with <c>rafttower member add</c>).
    /// </summary>
    public string Members { get; set; } = string.Empty;

    /// <summary>Take a snapshot and compact the log after this many applied entries (default 10,000).</summary>
    public long SnapshotIntervalEntries { get; set; } = 10_000;

    /// <summary>Whether the write-ahead log is fsynced before entries are acknowledged (default <see cref="SyncMode.Fsync"/>).</summary>
    public SyncMode SyncMode { get; set; } = SyncMode.Fsync;

    /// <summary>Base election timeout in milliseconds; the actual one is randomized in [t, 2t) (default 1,000).</summary>
    public int ElectionTimeoutMs { get; set; } = 1_000;

    /// <summary>Leader heartbeat interval in milliseconds (default 100); must be well below the election timeout.</summary>
    public int HeartbeatIntervalMs { get; set; } = 100;

    /// <summary>Largest key in bytes (default 64 KiB).</summary>
    public int MaxKeyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest value in bytes (default 16 MiB).</summary>
    public int MaxValueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Memory the state machine's store may use before spilling to disk (default 256 MiB).</summary>
    public long MemoryBudgetBytes { get; set; } = 256L * 1024 * 1024;
}
