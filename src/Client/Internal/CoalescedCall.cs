using System.Diagnostics;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>
/// One attempt of an operation waiting in a <see cref="CallCoalescer"/>: its request, its own deadline and token, and
/// the task its caller awaits.
/// </summary>
/// <remarks>
/// Its state moves once from <see cref="Queued"/> to either <see cref="Taken"/> (a drain put it in a call) or
/// <see cref="GaveUp"/> (its token or deadline ended it first); whoever wins that compare-exchange decides whether
/// the request can have reached the node. The task is completed once, by the first of: the call's answer or failure,
/// the token, the deadline sweep, disposal.
/// </remarks>
internal sealed class CoalescedCall : TaskCompletionSource<Wire.ExecuteResponse>
{
    public const int Queued = 0;
    public const int Taken = 1;
    public const int GaveUp = 2;

    private static readonly Action<object?> OnCancelled = static state => ((CoalescedCall)state!).Cancel();

    private readonly CallCoalescer _owner;
    private CancellationTokenRegistration _registration;
    private int _state;

    public CoalescedCall(CallCoalescer owner, Wire.ExecuteRequest request, long now, TimeSpan limit, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _owner = owner;
        Request = request;
        Limit = limit;
        Deadline = now + CallCoalescer.ToStopwatchTicks(limit);
        CancellationToken = cancellationToken;
    }

    public Wire.ExecuteRequest Request { get; }

    /// <summary>The attempt's limit, as the caller gave it.</summary>
    public TimeSpan Limit { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which <see cref="Limit"/> runs out.</summary>
    public long Deadline { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The multi-operation call carrying it, once taken into one (null when it went out as its own Execute).</summary>
    public CoalescedBatch? Batch { get; set; }

    public int State => Volatile.Read(ref _state);

    /// <summary>Watches the caller's token; called before the call becomes visible to a drain.</summary>
    public void WatchCancellation()
    {
        if (CancellationToken.CanBeCanceled)
        {
            _registration = CancellationToken.UnsafeRegister(OnCancelled, this);
        }
    }

    /// <summary>Claims the call for sending; false when its caller gave up first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Ends the call before it was sent; false when a drain took it first.</summary>
    public bool TryGiveUp() => Interlocked.CompareExchange(ref _state, GaveUp, Queued) == Queued;

    public void Complete(Wire.ExecuteResponse response)
    {
        if (TrySetResult(response))
        {
            _registration.Unregister();
        }
    }

    /// <summary>Fails the caller's attempt; true when this was the call's outcome (nothing else completed it first).</summary>
    public bool Fail(Exception error)
    {
        if (!TrySetException(error))
        {
            return false;
        }

        _registration.Unregister();
        return true;
    }

    /// <summary>The time left until <see cref="Deadline"/> (zero or negative when it has passed).</summary>
    public TimeSpan Remaining(long now) => Stopwatch.GetElapsedTime(now, Deadline);

    private void Cancel()
    {
        // The same exception the unary path raises for a cancelled token; the attempt loop turns it into
        // OperationCanceledException. A call still queued was certainly not sent.
        var sent = !TryGiveUp();
        if (Fail(_owner.Cancelled(sent)) && sent)
        {
            Batch?.OnGaveUp();
        }
    }
}
