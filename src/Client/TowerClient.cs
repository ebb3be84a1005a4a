using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftTower.Client.Internal;
using RaftTower.Protocol.Grpc;

namespace RaftTower.Client;

/// <summary>
/// A client of a RaftTower cluster: finds the leader by itself, follows NOT_LEADER redirects, retries failed
/// connections with backoff, and gives every write an exactly-once identity so a retried write is applied once.
/// </summary>
/// <remarks>
/// Thread-safe: create one per application (or register it with <c>services.AddTowerClient</c>) and share it; any
/// number of concurrent calls may run on it. Every operation is linearizable. A call either returns the cluster's
/// answer or throws a <see cref="TowerException"/>; a call cancelled through its token throws
/// <see cref="OperationCanceledException"/>, and a write cancelled after it was sent may or may not have been applied.
/// Beyond <see cref="TowerClientOptions.MaxCallsInFlightPerNode"/> calls outstanding to a node, concurrent operations
/// are sent together in one call (<see cref="TowerClientOptions.CoalesceCalls"/>), each with the outcome it would
/// have had alone.
/// </remarks>
public sealed partial class TowerClient : IAsyncDisposable
{
    private readonly TowerClientOptions _options;
    private readonly GrpcChannel _channel;
    private readonly EndpointSelector _endpoints;
    private readonly SessionSequencer _session;
    private readonly ILogger _logger;

    // Per node, when CoalesceCalls is on (null when off): Execute attempts go through the node's coalescer.
    private readonly ConcurrentDictionary<Uri, CallCoalescer>? _coalescers;
    private readonly int _maxCallsInFlightPerNode;
    private CoalescerRoute? _lastCoalescer;

    // With ConfirmReadsThroughFollower (null when off): lone reads to the leader get a follower's confirmation.
    private readonly ReadConfirmer? _readConfirmer;

    // With ConfirmReadsThroughFollower and CoalesceCalls off: Execute calls outstanding on this client.
    private int _executesInFlight;
    private int _disposed;

    /// <summary>Creates a client; no connection is made until the first call.</summary>
    /// <exception cref="ArgumentException">The options are unusable (no endpoint, a malformed URL, a non-positive timeout).</exception>
    public TowerClient(TowerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoints = new EndpointSelector(ParseEndpoints(options.Endpoints));
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"RequestTimeout must be positive and at most a day, not {options.RequestTimeout}", nameof(options));
        }

        if (options.AttemptTimeout is { } attempt && attempt <= TimeSpan.Zero)
        {
            throw new ArgumentException($"AttemptTimeout must be positive, not {options.AttemptTimeout}", nameof(options));
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            throw new ArgumentException("RetryBaseDelay must be ≥ 0 and RetryMaxDelay ≥ RetryBaseDelay", nameof(options));
        }

        if (options.MaxAttempts < 1 || options.MaxKeyBytes < 1 || options.MaxValueBytes < 1)
        {
            throw new ArgumentException("MaxAttempts, MaxKeyBytes and MaxValueBytes must be positive", nameof(options));
        }

        if (options.MaxCallsInFlightPerNode < 1)
        {
            throw new ArgumentException($"MaxCallsInFlightPerNode must be at least 1, not {options.MaxCallsInFlightPerNode}", nameof(options));
        }

        _options = options;
        _channel = new GrpcChannel(maxReceiveMessageSize: Math.Max(64 << 20, options.MaxValueBytes * 2), handler: options.HttpHandler);
        _session = new SessionSequencer(SessionSequencer.NewClientId());
        _logger = options.LoggerFactory?.CreateLogger<TowerClient>() ?? NullLogger<TowerClient>.Instance;
        _maxCallsInFlightPerNode = options.MaxCallsInFlightPerNode;
        _coalescers = options.CoalesceCalls ? new ConcurrentDictionary<Uri, CallCoalescer>() : null;
        _readConfirmer = options.ConfirmReadsThroughFollower ? new ReadConfirmer(_channel, _endpoints, _logger) : null;
    }

    /// <summary>Creates a client for <paramref name="endpoints"/> with default options.</summary>
    /// <exception cref="ArgumentException">No endpoint, or a malformed one.</exception>
    public TowerClient(params string[] endpoints)
        : this(new TowerClientOptions { Endpoints = endpoints })
    {
    }

    /// <summary>This client's exactly-once session id (random per instance; also in every error's diagnostics).</summary>
    public ulong ClientId => _session.ClientId;

    /// <summary>The configured endpoints, parsed.</summary>
    public IReadOnlyList<Uri> Endpoints => _endpoints.Endpoints;

    /// <summary>
    /// The leader's client endpoint as last learned (from a redirect, a status call, or the node that answered the last
    /// operation), or null before any of those and after the known leader failed.
    /// </summary>
    public Uri? KnownLeader => _endpoints.Leader;

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> this client reports to.</summary>
    public static string MeterName => ClientMetrics.MeterName;

    /// <summary>
    /// Closes the connections. Calls still running fail (those waiting to be coalesced with
    /// <see cref="ObjectDisposedException"/>); later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var coalescer in _coalescers?.Values ?? [])
            {
                coalescer.Dispose();
            }

            _channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static Uri[] ParseEndpoints(IReadOnlyList<string>? endpoints)
    {
        if (endpoints is null || endpoints.Count == 0)
        {
            throw new ArgumentException("at least one endpoint is required (e.g. http://127.0.0.1:7101)", nameof(endpoints));
        }

        var parsed = new Uri[endpoints.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (!EndpointParser.TryParse(endpoints[i], out parsed[i]))
            {
                throw new ArgumentException($"'{endpoints[i]}' is not an endpoint: expected http://host:port", nameof(endpoints));
            }
        }

        return parsed;
    }
}
