using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RaftTower.Protocol.Grpc;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>
/// Sends the Execute attempts for one node, coalescing concurrent ones into <c>Tower/ExecuteBatch</c> calls (issue 6:
/// each gRPC call costs the node and the client 25–45 µs of CPU, which is what limits throughput at hundreds of
/// concurrent calls; StackExchange.Redis pipelines concurrent callers on one connection the same way).
/// </summary>
/// <remarks>
/// <para>
/// Adaptive, with no added latency when idle: while fewer than <c>maxInFlight</c> calls are outstanding and nothing is
/// queued, an attempt goes out at once as its own Execute call, exactly as without coalescing. Otherwise it queues,
/// and each time a call to the node completes, what is queued (up to <see cref="MaxBatchCalls"/> operations or
/// <see cref="MaxBatchBytes"/> of requests) goes out as one ExecuteBatch; a lone queued attempt goes as Execute.
/// </para>
/// <para>
/// Every attempt keeps the outcome the unary call would have had, so the client's attempt loop needs no change: its
/// own answer (NOT_LEADER and UNAVAILABLE included), <see cref="GrpcStatusCode.Cancelled"/> when its token is
/// cancelled, <see cref="GrpcStatusCode.DeadlineExceeded"/> when its own limit passes (with
/// <see cref="GrpcCallException.MayHaveReachedServer"/> false while it was still queued; a queued attempt whose caller
/// gave up is never sent), and the batch call's own transport failure. A batch the node refuses as a whole
/// (UNIMPLEMENTED by an older node, a size limit) is resent as one Execute per operation, each with its own header, so
/// each gets the answer it would have had alone.
/// </para>
/// <para>
/// Thread-safe; one lock per enqueue and per drain. Deadlines of waiting attempts are kept by one timer per node,
/// armed at the earliest of them, not one timer per attempt.
/// </para>
/// </remarks>
internal sealed class CallCoalescer : IDisposable
{
    public const string ExecuteMethod = "/rafttower.v1.Tower/Execute";
    public const string ExecuteBatchMethod = "/rafttower.v1.Tower/ExecuteBatch";

    /// <summary>Operations per ExecuteBatch call (the node accepts up to 4,096).</summary>
    public const int MaxBatchCalls = 1024;

    /// <summary>Encoded requests per ExecuteBatch call, so one call stays far below the node's message size limit.</summary>
    public const int MaxBatchBytes = 4 << 20;

    /// <summary>How long a node that answered UNIMPLEMENTED to ExecuteBatch gets only Execute calls before it is asked again.</summary>
    private static readonly TimeSpan BatchingPause = TimeSpan.FromMinutes(1);

    private readonly GrpcChannel _channel;
    private readonly int _maxInFlight;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<CoalescedCall> _queue = new();
    private readonly List<CoalescedBatch> _batches = [];
    private Timer? _sweeper;
    private long _sweepAt = long.MaxValue;
    private long _batchingPausedUntil;
    private int _inFlight;
    private bool _disposed;

    public CallCoalescer(GrpcChannel channel, Uri endpoint, int maxInFlight, ILogger logger)
    {
        _channel = channel;
        Endpoint = endpoint;
        _maxInFlight = maxInFlight;
        _logger = logger;
    }

    public Uri Endpoint { get; }

    /// <summary>Attempts waiting for a call to complete (for tests and diagnostics).</summary>
    public int QueuedCalls
    {
        get
        {
            lock (_gate)
            {
                var count = 0;
                foreach (var call in _queue)
                {
                    count += call.State == CoalescedCall.Queued ? 1 : 0;
                }

                return count;
            }
        }
    }

    /// <summary>One attempt of <paramref name="request"/>, answered or failed exactly as its own Execute call would be.</summary>
    /// <param name="request">The operation.</param>
    /// <param name="attemptLimit">How long this attempt may take, waiting included.</param>
    /// <param name="readConfirmer">
    /// For a linearizable read (null otherwise): when the attempt goes out with no other call to the node in flight or
    /// queued, it is sent as <see cref="ReadConfirmer.Prepare"/> returns it (with a follower's confirmation on its way).
    /// </param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public Task<Wire.ExecuteResponse> ExecuteAsync(Wire.ExecuteRequest request, TimeSpan attemptLimit, ReadConfirmer? readConfirmer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromException<Wire.ExecuteResponse>(Cancelled(sent: false));
        }

        CoalescedCall? call = null;
        var lone = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(TowerClient));
            if (_queue.Count == 0 && (_inFlight < _maxInFlight || BatchingPaused()))
            {
                lone = _inFlight == 0;
                _inFlight++;
            }
            else
            {
                var now = Stopwatch.GetTimestamp();
                call = new CoalescedCall(this, request, now, attemptLimit, cancellationToken);
                call.WatchCancellation();
                _queue.Enqueue(call);
                ArmSweeper(call.Deadline, now);
            }
        }

        if (call is not null)
        {
            return call.Task;
        }

        // Decided under the lock, prepared outside it: calls arriving meanwhile see this one in flight.
        if (lone && readConfirmer is not null)
        {
            request = readConfirmer.Prepare(request, Endpoint, attemptLimit);
        }

        return SendAloneAsync(request, attemptLimit, cancellationToken);
    }

    /// <summary>Fails every queued attempt with <see cref="ObjectDisposedException"/>; calls already sent end with the channel.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_queue.TryDequeue(out var call))
            {
                if (call.TryGiveUp())
                {
                    call.Fail(new ObjectDisposedException(nameof(TowerClient)));
                }
            }

            _sweeper?.Dispose();
        }
    }

    private async Task<Wire.ExecuteResponse> SendAloneAsync(Wire.ExecuteRequest request, TimeSpan attemptLimit, CancellationToken cancellationToken)
    {
        try
        {
            return await _channel.CallAsync(Endpoint, ExecuteMethod, request, Wire.ExecuteResponse.Parser, attemptLimit, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            Release(null);
        }
    }

    /// <summary>A call to the node completed: its slot goes to what is queued.</summary>
    private void Release(CoalescedBatch? finished)
    {
        var freed = true;
        while (true)
        {
            CoalescedCall? alone;
            CoalescedBatch? batch;
            bool more;
            lock (_gate)
            {
                if (freed)
                {
                    freed = false;
                    _inFlight--;
                    if (finished is not null)
                    {
                        _batches.Remove(finished);
                    }
                }

                if (_disposed || _inFlight >= _maxInFlight || !TryTakeNext(out alone, out batch))
                {
                    break;
                }

                _inFlight++;
                more = _queue.Count > 0 && _inFlight < _maxInFlight;
            }

            if (alone is not null)
            {
                _ = SendTakenAsync(alone, holdsSlot: true);
            }
            else
            {
                _ = SendBatchAsync(batch!);
            }

            if (!more)
            {
                break;
            }
        }

        finished?.Dispose();
    }

    /// <summary>Under the lock: the next call to make from the queue, or false when nothing queued is still wanted.</summary>
    private bool TryTakeNext(out CoalescedCall? alone, out CoalescedBatch? batch)
    {
        alone = null;
        batch = null;
        var now = Stopwatch.GetTimestamp();
        while (_queue.TryPeek(out var head) && (head.State != CoalescedCall.Queued || Expired(head, now)))
        {
            _queue.Dequeue();
        }

        if (_queue.Count == 0)
        {
            return false;
        }

        if (_queue.Count == 1 || BatchingPaused())
        {
            while (_queue.TryDequeue(out var call))
            {
                if (call.TryTake())
                {
                    alone = call;
                    return true;
                }
            }

            return false;
        }

        var assembling = new CoalescedBatch(Math.Min(_queue.Count, MaxBatchCalls));
        while (assembling.Calls.Count < MaxBatchCalls && _queue.TryPeek(out var call))
        {
            if (call.State != CoalescedCall.Queued || Expired(call, now))
            {
                _queue.Dequeue();
                continue;
            }

            var size = call.Request.CalculateSize() + 8; // + field tag and length prefix
            if (assembling.Calls.Count > 0 && assembling.EncodedSize + size > MaxBatchBytes)
            {
                break;
            }

            _queue.Dequeue();
            assembling.TryAdd(call, size);
        }

        assembling.Seal();
        if (assembling.Calls.Count <= 1)
        {
            // Only one was still wanted (or fits): it goes as its own Execute, with its own limit and token. A caller
            // that gave up meanwhile may still release the discarded batch; that is harmless.
            alone = assembling.Calls.Count == 1 ? assembling.Calls[0] : null;
            alone?.Batch = null;
            assembling.Dispose();
            return alone is not null;
        }

        _batches.Add(assembling);
        batch = assembling;
        return true;
    }

    /// <summary>Under the lock: fails a queued attempt whose limit has passed; it was never sent.</summary>
    private bool Expired(CoalescedCall call, long now)
    {
        if (call.Deadline > now)
        {
            return false;
        }

        if (call.TryGiveUp())
        {
            call.Fail(QueuedTooLong(call));
        }

        return true;
    }

    /// <summary>One taken attempt as its own Execute call, with its own limit and token.</summary>
    private async Task SendTakenAsync(CoalescedCall call, bool holdsSlot)
    {
        try
        {
            var remaining = call.Remaining(Stopwatch.GetTimestamp());
            if (remaining <= TimeSpan.Zero)
            {
                // Taken from the queue (holding a slot) it was never sent; resent after a refused batch it was.
                call.Fail(holdsSlot ? QueuedTooLong(call) : NoAnswerInTime(call));
                return;
            }

            var response = await _channel.CallAsync(Endpoint, ExecuteMethod, call.Request, Wire.ExecuteResponse.Parser, remaining, call.CancellationToken)
                .ConfigureAwait(false);
            call.Complete(response);
        }
        catch (Exception e)
        {
            // Whatever the unary call raised is this attempt's outcome, as if the caller had made the call itself.
            call.Fail(e);
        }
        finally
        {
            if (holdsSlot)
            {
                Release(null);
            }
        }
    }

    private async Task SendBatchAsync(CoalescedBatch batch)
    {
        var calls = batch.Calls;
        ClientMetrics.BatchSize.Record(calls.Count);
        try
        {
            var limit = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), batch.Deadline);
            var response = await _channel.CallAsync(
                    Endpoint, ExecuteBatchMethod, batch.Request, Wire.ExecuteBatchResponse.Parser, limit, batch.CancellationToken)
                .ConfigureAwait(false);
            if (response.Responses.Count != calls.Count)
            {
                throw new GrpcCallException(
                    GrpcStatusCode.Internal, $"ExecuteBatch answered {response.Responses.Count} responses to {calls.Count} requests", Endpoint, mayHaveReachedServer: true);
            }

            for (var i = 0; i < calls.Count; i++)
            {
                calls[i].Complete(response.Responses[i]);
            }
        }
        catch (GrpcCallException e) when (e.Status is GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded or GrpcStatusCode.Cancelled)
        {
            // Refused, reset, lost or timed out: every operation in it had that happen to it, and is retried (or not)
            // by the attempt loop exactly as after its own call. Each gets its own exception (one instance rethrown by
            // several awaiters would garble its stack trace).
            _logger.BatchFailed(calls.Count, Endpoint, e.Status);
            foreach (var call in calls)
            {
                call.Fail(new GrpcCallException(e.Status, e.Detail, e.Endpoint, e.MayHaveReachedServer, e));
            }
        }
        catch (GrpcCallException e)
        {
            // The node refused the call as a whole: an older node without ExecuteBatch, a size limit, a malformed
            // answer. Each operation goes again on its own with its own header (exactly-once makes a write that was
            // applied answer its recorded result), so each gets the answer it would have had without coalescing.
            _logger.BatchRefused(calls.Count, Endpoint, e.Status);
            if (e.Status == GrpcStatusCode.Unimplemented)
            {
                Volatile.Write(ref _batchingPausedUntil, Stopwatch.GetTimestamp() + ToStopwatchTicks(BatchingPause));
            }

            foreach (var call in calls)
            {
                if (!call.Task.IsCompleted)
                {
                    _ = SendTakenAsync(call, holdsSlot: false);
                }
            }
        }
        catch (Exception e)
        {
            // The client was disposed under the call, or something as unexpected: the callers see it as they would have.
            foreach (var call in calls)
            {
                call.Fail(e);
            }
        }
        finally
        {
            Release(batch);
        }
    }

    /// <summary>Under the lock: true while a node that answered UNIMPLEMENTED gets only Execute calls.</summary>
    private bool BatchingPaused()
    {
        var until = Volatile.Read(ref _batchingPausedUntil);
        return until != 0 && Stopwatch.GetTimestamp() < until;
    }

    /// <summary>Under the lock: makes the sweep run by <paramref name="deadline"/>.</summary>
    private void ArmSweeper(long deadline, long now)
    {
        if (deadline >= _sweepAt)
        {
            return;
        }

        _sweepAt = deadline;
        _sweeper ??= new Timer(static state => ((CallCoalescer)state!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // A millisecond late rather than early: the sweep then finds the attempt expired.
        var due = Stopwatch.GetElapsedTime(now, deadline) + TimeSpan.FromMilliseconds(1);
        _sweeper.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Fails the waiting attempts whose own limit has passed: queued ones (never sent) and those in a batch call that
    /// is still out, whose own grpc-timeout is the latest of its operations'. Drops given-up attempts from the queue.
    /// </summary>
    private void Sweep()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var next = long.MaxValue;
            _sweepAt = long.MaxValue;
            for (var i = _queue.Count; i > 0; i--)
            {
                var call = _queue.Dequeue();
                if (call.State == CoalescedCall.Queued && !Expired(call, now))
                {
                    _queue.Enqueue(call);
                    next = Math.Min(next, call.Deadline);
                }
            }

            foreach (var batch in _batches)
            {
                foreach (var call in batch.Calls)
                {
                    if (call.Task.IsCompleted)
                    {
                        continue;
                    }

                    if (call.Deadline <= now)
                    {
                        if (call.Fail(NoAnswerInTime(call)))
                        {
                            batch.OnGaveUp();
                        }
                    }
                    else if (call.Deadline < batch.Deadline)
                    {
                        next = Math.Min(next, call.Deadline);
                    }
                }
            }

            if (next != long.MaxValue)
            {
                ArmSweeper(next, now);
            }
        }
    }

    /// <summary>What the unary call raises when its token is cancelled.</summary>
    public GrpcCallException Cancelled(bool sent) =>
        new(GrpcStatusCode.Cancelled, "cancelled by the caller", Endpoint, mayHaveReachedServer: sent);

    private GrpcCallException QueuedTooLong(CoalescedCall call) =>
        new(GrpcStatusCode.DeadlineExceeded, $"no answer within {call.Limit}: queued behind {_inFlight} calls in flight, never sent", Endpoint, mayHaveReachedServer: false);

    private GrpcCallException NoAnswerInTime(CoalescedCall call) =>
        new(GrpcStatusCode.DeadlineExceeded, $"no answer within {call.Limit} (sent in an ExecuteBatch call)", Endpoint, mayHaveReachedServer: true);

    public static long ToStopwatchTicks(TimeSpan span) => (long)(span.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
}
