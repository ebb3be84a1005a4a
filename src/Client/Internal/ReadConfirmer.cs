using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RaftTower.Protocol.Grpc;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>
/// Follower-confirmed reads (issue 6, one client sending reads one at a time): a linearizable read that goes alone to
/// the known leader carries a fresh random id in <c>read_confirm</c>, and the same id goes at the same time to another
/// node in <c>Tower/ConfirmRead</c>. That node, if it still follows the leader in its term, tells the leader so, and the
/// leader serves the read on that confirmation instead of waiting for its next heartbeat round (about half a round
/// trip less per read).
/// </summary>
/// <remarks>
/// <para>
/// The confirmation only makes the read faster: the leader falls back to its heartbeat round when none comes, so the
/// read is linearizable either way, and a ConfirmRead call that fails, is slow or is refused never fails or delays the
/// read (it is not awaited). A node whose ConfirmRead failed or answered <c>forwarded = false</c> is not asked for
/// <see cref="FailurePause"/>; one that answered UNIMPLEMENTED (an older node) for <see cref="UnimplementedPause"/>.
/// With no other node to ask, the read goes without an id.
/// </para>
/// <para>Thread-safe and lock-free: concurrent reads may pick the same node, which is harmless.</para>
/// </remarks>
internal sealed class ReadConfirmer
{
    public const string ConfirmReadMethod = "/rafttower.v1.Tower/ConfirmRead";

    /// <summary>The longest a ConfirmRead call may take: a confirmation later than that no longer helps the read.</summary>
    private static readonly TimeSpan MaxConfirmLimit = TimeSpan.FromSeconds(1);

    private readonly GrpcChannel _channel;
    private readonly EndpointSelector _endpoints;
    private readonly ILogger _logger;

    // Per configured endpoint (same index as EndpointSelector.Endpoints): the Stopwatch timestamp before which it is
    // not asked, 0 when it may be.
    private readonly long[] _pausedUntil;
    private int _lastPicked;

    public ReadConfirmer(GrpcChannel channel, EndpointSelector endpoints, ILogger logger)
    {
        _channel = channel;
        _endpoints = endpoints;
        _logger = logger;
        _pausedUntil = new long[endpoints.Endpoints.Count];
    }

    /// <summary>How long a node whose ConfirmRead failed or was not forwarded is not asked (1 s; settable for tests).</summary>
    public TimeSpan FailurePause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node that answered UNIMPLEMENTED is not asked (a minute, like a node without ExecuteBatch).</summary>
    public TimeSpan UnimplementedPause { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The ConfirmRead call's own deadline is the smaller of this and the read attempt's limit (1 s; settable for tests).</summary>
    public TimeSpan ConfirmLimit { get; set; } = MaxConfirmLimit;

    /// <summary>
    /// Called when one attempt of the linearizable read <paramref name="read"/> is about to go to
    /// <paramref name="endpoint"/> with no other call to that node outstanding. When <paramref name="endpoint"/> is the
    /// known leader and another node may be asked, starts a ConfirmRead there (not awaited) and returns a copy of the
    /// read carrying the same fresh id; otherwise returns <paramref name="read"/> unchanged.
    /// </summary>
    /// <remarks>
    /// The read itself is never changed: every attempt is a new copy with a new id, so an id is never sent twice, and
    /// a batch or an earlier attempt that still refers to the read never carries one. Never throws.
    /// </remarks>
    public Wire.ExecuteRequest Prepare(Wire.ExecuteRequest read, Uri endpoint, TimeSpan attemptLimit)
    {
        if (_endpoints.Leader is not { } leader || leader != endpoint || !TryPickOther(leader, out var index))
        {
            return read;
        }

        var confirmed = read.Clone();
        confirmed.ReadConfirm = RandomId.NonZero();
        var limit = attemptLimit < ConfirmLimit ? attemptLimit : ConfirmLimit;
        ClientMetrics.ReadConfirms.Add(1);

        // Sent first: the confirmation travels client → follower → leader, the read client → leader.
        _ = ConfirmAsync(index, confirmed.ReadConfirm, limit);
        return confirmed;
    }

    /// <summary>The next configured endpoint after the last one picked that is not the leader and not paused.</summary>
    private bool TryPickOther(Uri leader, out int index)
    {
        var endpoints = _endpoints.Endpoints;
        var count = endpoints.Count;
        var last = Volatile.Read(ref _lastPicked);
        var now = Stopwatch.GetTimestamp();
        for (var i = 1; i <= count; i++)
        {
            index = (int)((uint)(last + i) % (uint)count);
            if (endpoints[index] != leader && Volatile.Read(ref _pausedUntil[index]) <= now)
            {
                Volatile.Write(ref _lastPicked, index);
                return true;
            }
        }

        index = -1;
        return false;
    }

    private async Task ConfirmAsync(int index, ulong readId, TimeSpan limit)
    {
        var endpoint = _endpoints.Endpoints[index];
        try
        {
            var response = await _channel.CallAsync(
                    endpoint, ConfirmReadMethod, new Wire.ConfirmReadRequest { ReadId = readId }, Wire.ConfirmReadResponse.Parser, limit, CancellationToken.None)
                .ConfigureAwait(false);
            if (!response.Forwarded)
            {
                // It follows no leader, or not the one we read from: asking it again soon would not help.
                Pause(index, FailurePause);
                _logger.ReadConfirmNotForwarded(endpoint, FailurePause.TotalMilliseconds);
            }
        }
        catch (GrpcCallException e)
        {
            var pause = e.Status == GrpcStatusCode.Unimplemented ? UnimplementedPause : FailurePause;
            Pause(index, pause);
            _logger.ReadConfirmFailed(endpoint, e.Status, pause.TotalMilliseconds, e);
        }
        catch (Exception e)
        {
            // The client was disposed under the call, or an unreadable answer: only this read's shortcut is lost.
            Pause(index, FailurePause);
            _logger.ReadConfirmFailed(endpoint, GrpcStatusCode.Unknown, FailurePause.TotalMilliseconds, e);
        }
    }

    private void Pause(int index, TimeSpan pause)
    {
        var until = Stopwatch.GetTimestamp() + CallCoalescer.ToStopwatchTicks(pause);
        var current = Volatile.Read(ref _pausedUntil[index]);

        // A shorter pause (a failure racing an UNIMPLEMENTED answer) never cuts a longer one short.
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _pausedUntil[index], until, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
