using System.Runtime.CompilerServices;
using Google.Protobuf;
using RaftTower.Client.Internal;
using RaftTower.Protocol.Grpc;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>The attempt loop shared by every operation: leader following, retries, deadlines, exactly-once headers.</summary>
public sealed partial class TowerClient
{
    private const string ExecuteMethod = CallCoalescer.ExecuteMethod;

    /// <summary>Nodes with a coalescer at most; beyond (leader hints naming ever new URLs) attempts are sent uncoalesced.</summary>
    private const int MaxCoalescedEndpoints = 64;

    /// <summary>A linearizable read: no session header (nothing is appended to the log, so re-running it is harmless).</summary>
    private async Task<Reply> ReadAsync(Wire.ExecuteRequest request, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        var call = new CallInfo(operation, KeyOf(request), IsWrite: false, Sequence: 0);
        var response = await InvokeAsync(Execute(request), call, cancellationToken)
            .ConfigureAwait(false);
        return new Reply(response.Result, operation, IsWrite: false);
    }

    /// <summary>
    /// A write: one (client id, sequence, acked_below) header for the whole call, reused by every retry and
    /// redirect, so the state machine applies it once however many attempts reach it.
    /// </summary>
    private async Task<Reply> WriteAsync(Wire.ExecuteRequest request, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        request.Header = _session.Begin();
        try
        {
            var call = new CallInfo(operation, KeyOf(request), IsWrite: true, request.Header.Sequence);
            var response = await InvokeAsync(Execute(request), call, cancellationToken)
                .ConfigureAwait(false);
            return new Reply(response.Result, operation, IsWrite: true);
        }
        finally
        {
            _session.Complete(request.Header.Sequence);
        }
    }

    private static Rpc<Wire.ExecuteResponse> Execute(Wire.ExecuteRequest request) =>
        new(ExecuteMethod, request, Wire.ExecuteResponse.Parser, static r => r.Error);

    private async Task<TResponse> InvokeAsync<TResponse>(Rpc<TResponse> rpc, CallInfo call, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var trail = new AttemptTrail();
        var outcome = "error";
        try
        {
            var response = await AttemptUntilAnsweredAsync(rpc, call, trail, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            return response;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (TowerConnectionException e) when (e.Code is TowerErrorCode.Indeterminate or TowerErrorCode.Unavailable)
        {
            outcome = "no-answer";
            _logger.Failed(call.Operation, e.Code, trail.Attempts);
            throw;
        }
        finally
        {
            ClientMetrics.Requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            ClientMetrics.Latency.Record(trail.Elapsed.TotalMilliseconds);
        }
    }

    private async Task<TResponse> AttemptUntilAnsweredAsync<TResponse>(Rpc<TResponse> rpc, CallInfo call, AttemptTrail trail, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        var retries = 0;
        while (true)
        {
            var remaining = _options.RequestTimeout - trail.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw NoAnswer($"no answer within {_options.RequestTimeout.TotalMilliseconds:0}ms", call, trail);
            }

            // With AttemptTimeout, a leader that stopped answering (partitioned, paused) does not eat the whole
            // deadline: the retry elsewhere carries the same header. A call without a session cannot be retried safely.
            var attemptLimit = _options.AttemptTimeout is { } cap && cap < remaining && (!call.IsWrite || call.Sequence != 0) ? cap : remaining;
            var lastChance = attemptLimit == remaining;
            var endpoint = _endpoints.Current;
            trail.Endpoint = endpoint;
            trail.Attempts++;
            try
            {
                var response = await SendAsync(rpc, endpoint, attemptLimit, call.IsWrite ? null : _readConfirmer, cancellationToken).ConfigureAwait(false);
                var error = rpc.ErrorOf(response);
                if (error is null || error.Code == Wire.ErrorCode.Unspecified)
                {
                    if (typeof(TResponse) == typeof(Wire.ExecuteResponse))
                    {
                        _endpoints.Served(endpoint);
                    }

                    return response;
                }

                trail.Term = error.Term == 0 ? trail.Term : error.Term;
                trail.LeaderHint = string.IsNullOrEmpty(error.LeaderHint) ? trail.LeaderHint : error.LeaderHint;
                if (!IsRetryable(error, endpoint, trail))
                {
                    throw TowerErrors.FromNode(error, trail.Diagnostics(call, ClientId), call.IsWrite && trail.MayHaveReachedNode);
                }

                if (error.Code == Wire.ErrorCode.NotLeader && trail.RedirectsInARow <= _endpoints.Endpoints.Count)
                {
                    // A fresh hint is followed at once: the hinted node is most likely the leader already.
                    ClientMetrics.Redirects.Add(1);
                    _logger.Redirected(call.Operation, endpoint, _endpoints.Current, trail.Term);
                    continue;
                }
            }
            catch (GrpcCallException e) when (e.Status == GrpcStatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{call.Operation} was cancelled by the caller ({trail.Diagnostics(call, ClientId)})", e, cancellationToken);
            }
            catch (GrpcCallException e)
            {
                trail.LastFailure = e;
                trail.MayHaveReachedNode |= e.MayHaveReachedServer;
                if (e.Status == GrpcStatusCode.DeadlineExceeded && lastChance)
                {
                    throw NoAnswer($"no answer within {_options.RequestTimeout.TotalMilliseconds:0}ms", call, trail);
                }

                if (e.Status is not (GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded))
                {
                    throw TowerErrors.CallRejected(e, trail.Diagnostics(call, ClientId));
                }

                if (call.IsWrite && call.Sequence == 0 && e.MayHaveReachedServer)
                {
                    // Membership changes carry no exactly-once header: a second attempt could apply them twice.
                    throw NoAnswer("the request was sent but its answer was lost; calls without an exactly-once session are not retried", call, trail);
                }

                // Refused, reset or lost: try the next node. A write that may have reached this one is retried with the
                // same header, so if it was applied the node answers the recorded result instead of applying it again.
                _endpoints.MoveAwayFrom(endpoint);
            }

            if (trail.Attempts >= _options.MaxAttempts)
            {
                throw NoAnswer($"gave up after {trail.Attempts} attempts", call, trail);
            }

            var delay = RetryBackoff.Delay(retries++, _options.RetryBaseDelay, _options.RetryMaxDelay);
            if (delay >= _options.RequestTimeout - trail.Elapsed)
            {
                throw NoAnswer($"no answer within {_options.RequestTimeout.TotalMilliseconds:0}ms", call, trail);
            }

            ClientMetrics.Retries.Add(1);
            _logger.Retrying(call.Operation, trail.Attempts, endpoint, trail.LastFailure?.Message ?? trail.LeaderHint ?? "no leader", delay.TotalMilliseconds);
            trail.RedirectsInARow = 0;
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One attempt: an Execute through the node's coalescer (which may carry it in an ExecuteBatch call, with the same
    /// outcome as its own call), anything else (Cluster/*) as its own call. A linearizable read
    /// (<paramref name="readConfirmer"/> set) that goes alone to the known leader gets a follower's confirmation.
    /// </summary>
    private Task<TResponse> SendAsync<TResponse>(Rpc<TResponse> rpc, Uri endpoint, TimeSpan attemptLimit, ReadConfirmer? readConfirmer, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        if (typeof(TResponse) == typeof(Wire.ExecuteResponse) && rpc.Request is Wire.ExecuteRequest request)
        {
            if (CoalescerFor(endpoint) is { } coalescer)
            {
                return (Task<TResponse>)(object)coalescer.ExecuteAsync(request, attemptLimit, readConfirmer, cancellationToken);
            }

            if (_coalescers is null && _readConfirmer is not null)
            {
                return (Task<TResponse>)(object)SendCountedAsync(request, endpoint, attemptLimit, readConfirmer, cancellationToken);
            }
        }

        return _channel.CallAsync(endpoint, rpc.Method, rpc.Request, rpc.Parser, attemptLimit, cancellationToken);
    }

    /// <summary>
    /// Without coalescing, an Execute call counted among this client's outstanding ones: a read that finds none other
    /// (reads and writes to any node) is lone and gets a follower's confirmation.
    /// </summary>
    private async Task<Wire.ExecuteResponse> SendCountedAsync(
        Wire.ExecuteRequest request, Uri endpoint, TimeSpan attemptLimit, ReadConfirmer? readConfirmer, CancellationToken cancellationToken)
    {
        var lone = Interlocked.Increment(ref _executesInFlight) == 1;
        try
        {
            if (lone && readConfirmer is not null)
            {
                request = readConfirmer.Prepare(request, endpoint, attemptLimit);
            }

            return await _channel.CallAsync(endpoint, ExecuteMethod, request, Wire.ExecuteResponse.Parser, attemptLimit, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _executesInFlight);
        }
    }

    /// <summary>The follower confirmation of lone reads, null when <see cref="TowerClientOptions.ConfirmReadsThroughFollower"/> is off (for tests).</summary>
    internal ReadConfirmer? ReadConfirmer => _readConfirmer;

    /// <summary>Attempts waiting in <paramref name="endpoint"/>'s coalescer (for tests).</summary>
    internal int QueuedCalls(Uri endpoint) => _coalescers is not null && _coalescers.TryGetValue(endpoint, out var coalescer) ? coalescer.QueuedCalls : 0;

    private CallCoalescer? CoalescerFor(Uri endpoint)
    {
        if (_coalescers is null)
        {
            return null;
        }

        // Nearly every attempt goes to the same node (the leader, the same Uri instance until the next redirect):
        // skip the dictionary for it.
        var last = Volatile.Read(ref _lastCoalescer);
        if (last is not null && ReferenceEquals(last.Endpoint, endpoint))
        {
            return last.Coalescer;
        }

        if (!_coalescers.TryGetValue(endpoint, out var coalescer))
        {
            if (_coalescers.Count >= MaxCoalescedEndpoints)
            {
                return null;
            }

            coalescer = _coalescers.GetOrAdd(
                endpoint,
                static (uri, client) => new CallCoalescer(client._channel, uri, client._maxCallsInFlightPerNode, client._logger),
                this);
        }

        Volatile.Write(ref _lastCoalescer, new CoalescerRoute(endpoint, coalescer));
        return coalescer;
    }

    /// <summary>The coalescer last used and the endpoint instance it was looked up by.</summary>
    private sealed record CoalescerRoute(Uri Endpoint, CallCoalescer Coalescer);

    /// <summary>Updates leader knowledge from a node's error; false when the error is the answer (a domain error).</summary>
    private bool IsRetryable(Wire.Error error, Uri endpoint, AttemptTrail trail)
    {
        switch (error.Code)
        {
            case Wire.ErrorCode.NotLeader:
                // §6 of SPEC / Raft §8: a follower names the leader; retry there with the same header.
                if (_endpoints.TryFollow(error.LeaderHint, out var leader) && leader != endpoint)
                {
                    trail.Redirects++;
                    trail.RedirectsInARow++;
                }
                else
                {
                    trail.RedirectsInARow = int.MaxValue;
                    _endpoints.MoveAwayFrom(endpoint);
                }

                return true;
            case Wire.ErrorCode.Unavailable:
                // No leader or no quorum right now: an election is probably running. The node took the request,
                // so a write may still commit; the retry carries the same header.
                trail.MayHaveReachedNode = true;
                trail.RedirectsInARow = int.MaxValue;
                _endpoints.MoveAwayFrom(endpoint);
                return true;
            default:
                return false;
        }
    }

    private TowerConnectionException NoAnswer(string reason, CallInfo call, AttemptTrail trail) =>
        TowerErrors.NoAnswer(reason, trail.Diagnostics(call, ClientId), call.IsWrite && trail.MayHaveReachedNode, trail.LastFailure);

    private static string? KeyOf(Wire.ExecuteRequest request) => request.OpCase switch
    {
        Wire.ExecuteRequest.OpOneofCase.Key => request.Key.Key,
        Wire.ExecuteRequest.OpOneofCase.String => request.String.Key,
        Wire.ExecuteRequest.OpOneofCase.Int => request.Int.Key,
        Wire.ExecuteRequest.OpOneofCase.Float => request.Float.Key,
        Wire.ExecuteRequest.OpOneofCase.Bool => request.Bool.Key,
        Wire.ExecuteRequest.OpOneofCase.Timestamp => request.Timestamp.Key,
        Wire.ExecuteRequest.OpOneofCase.Duration => request.Duration.Key,
        Wire.ExecuteRequest.OpOneofCase.Uuid => request.Uuid.Key,
        Wire.ExecuteRequest.OpOneofCase.Binary => request.Binary.Key,
        Wire.ExecuteRequest.OpOneofCase.Bigint => request.Bigint.Key,
        Wire.ExecuteRequest.OpOneofCase.Decimal => request.Decimal.Key,
        Wire.ExecuteRequest.OpOneofCase.List => request.List.Key,
        Wire.ExecuteRequest.OpOneofCase.Map => request.Map.Key,
        Wire.ExecuteRequest.OpOneofCase.Set => request.Set.Key,
        Wire.ExecuteRequest.OpOneofCase.TimeSeries => request.TimeSeries.Key,
        Wire.ExecuteRequest.OpOneofCase.BloomFilter => request.BloomFilter.Key,
        _ => null,
    };
}
