using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// The longest one attempt may wait for its answer before the client tries another node with the same
    /// exactly-once header (default null: an attempt may use all of <see cref="RequestTimeout"/>). Set it (1–2 s)
    /// so a leader that went silent (paused, partitioned) does not take the whole deadline. Calls without an
    /// exactly-once session (membership changes) always wait for the whole deadline.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

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
    /// Whether concurrent operations to one node are coalesced into <c>Tower/ExecuteBatch</c> calls (default true).
    /// While fewer than <see cref="MaxCallsInFlightPerNode"/> calls are outstanding to a node, an operation goes out
    /// at once as its own <c>Execute</c> call, so a client with little concurrency sees no added latency and the same
    /// wire traffic as without coalescing; beyond that, operations wait for the next call to that node to complete
    /// and then go out together in one call. Each keeps its own exactly-once header, deadline, cancellation and answer.
    /// False sends every operation as its own <c>Execute</c> call (more CPU per operation on both sides under load,
    /// no waiting). Membership and status calls are never coalesced.
    /// </summary>
    public bool CoalesceCalls { get; set; } = true;

    /// <summary>
    /// With <see cref="CoalesceCalls"/>, how many calls to one node may be outstanding before further operations wait
    /// to be coalesced (default 8, at least 1). Lower coalesces more (fewer, larger calls: less CPU per operation on
    /// the client and the node, but an operation may wait for a call to complete); higher keeps more calls in flight
    /// (lower latency while the node has spare CPU, less batching).
    /// </summary>
    public int MaxCallsInFlightPerNode { get; set; } = 8;

    /// <summary>
    /// Whether a linearizable read sent alone to the known leader asks a follower to confirm the leader at once
    /// (default false: opt in; issue 6). "Alone" means no other call to that node is outstanding or waiting (with
    /// <see cref="CoalesceCalls"/> false: no other operation outstanding on this client). The read then carries a
    /// fresh random non-zero 64-bit id in <c>read_confirm</c>, and at the same time the client sends
    /// <c>Tower/ConfirmRead</c> with that id to one other configured endpoint (in turn), without waiting for it; that
    /// node tells the leader it still follows it, and the leader serves the read on that confirmation instead of
    /// waiting for a heartbeat round, which saves about half a round trip per read for a client that reads one at a
    /// time.
    /// </summary>
    /// <remarks>
    /// Reads stay linearizable either way (the leader falls back to its heartbeat round when no confirmation comes).
    /// The cost is one extra small call per lone read, on the client and on the follower: on one 2-core machine with the
    /// whole cluster on loopback that cost outweighs the half round trip saved (single-client reads were slower with it;
    /// bench/README.md), which is why it is off by default. It is meant for clusters whose network round trip is large
    /// next to a call's CPU cost; measure before turning it on. Never used for writes, for reads coalesced with other calls, or
    /// while the leader is not known; each attempt of a read gets a new id. A ConfirmRead that fails never fails or
    /// delays the read: the endpoint is skipped for a second (a minute when it answers UNIMPLEMENTED, an older node),
    /// and with no other endpoint left the read goes without an id.
    /// </remarks>
    public bool ConfirmReadsThroughFollower { get; set; }

    /// <summary>
    /// Where redirects, retries and failures are logged (at Debug; event ids 5000–5099). Null logs nothing;
    /// <c>AddTowerClient</c> uses the container's logger factory.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The HTTP handler for all calls; null (the default) uses a <see cref="SocketsHttpHandler"/> tuned for h2c.
    /// The client disposes it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
