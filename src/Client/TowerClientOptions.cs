namespace RaftTower.Client;

/// <summary>How a <see cref="TowerClient"/> reaches the cluster. Defaults suit a 3- or 5-node cluster on one network.</summary>
public sealed class TowerClientOptions
{
    /// <summary>
    /// Client endpoints of some or all nodes, e.g. <c>http://10.0.0.1:7101</c> (a bare <c>host:port</c> means http).
    /// One reachable node is enough: the client follows the cluster to its leader.
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; set; } = [];

    /// <summary>
    /// The deadline of one operation, retries and redirects included (default 5 s). When it passes without a
    /// definite answer the call fails with <see cref="TowerErrorCode.Indeterminate"/> (a write that may have
    /// reached a node) or <see cref="TowerErrorCode.Unavailable"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry's backoff (default 50 ms); it doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest backoff between two attempts (default 1 s).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per operation, redirects included, before giving up early (default 20).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Largest key in UTF-8 bytes accepted before sending (default 64 KiB, the node's default).</summary>
    public int MaxKeyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest value in bytes accepted before sending (default 16 MiB, the node's default).</summary>
    public int MaxValueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The HTTP handler for all calls; null (the default) uses a <see cref="SocketsHttpHandler"/> tuned for h2c.
    /// The client disposes it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
