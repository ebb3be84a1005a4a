using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>Several queued operations sent to one node as one <c>Tower/ExecuteBatch</c> call.</summary>
/// <remarks>
/// The call is cancelled once every operation in it has been given up by its caller (token or deadline), so a batch
/// nobody waits for does not keep holding one of the node's in-flight slots.
/// </remarks>
internal sealed class CoalescedBatch : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    // One reference per operation still waiting, plus one held by the drain until the batch is sealed, so callers
    // giving up while it is being assembled cannot cancel it before the rest are in.
    private int _waiting = 1;

    public CoalescedBatch(int capacity)
    {
        Calls = new List<CoalescedCall>(capacity);
    }

    public List<CoalescedCall> Calls { get; }

    public Wire.ExecuteBatchRequest Request { get; } = new();

    /// <summary>The latest deadline of its operations: the call's own grpc-timeout.</summary>
    public long Deadline { get; private set; }

    /// <summary>The encoded size of its requests so far.</summary>
    public long EncodedSize { get; private set; }

    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Takes <paramref name="call"/> into this batch; false when its caller gave up first.</summary>
    public bool TryAdd(CoalescedCall call, int size)
    {
        // Batch and count first: a caller giving up right after the take must find the batch to release it.
        call.Batch = this;
        Interlocked.Increment(ref _waiting);
        if (!call.TryTake())
        {
            call.Batch = null;
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        Calls.Add(call);
        Request.Requests.Add(call.Request);
        Deadline = Calls.Count == 1 ? call.Deadline : Math.Max(Deadline, call.Deadline);
        EncodedSize += size;
        return true;
    }

    /// <summary>Assembly is over: from now on the last caller to give up cancels the call.</summary>
    public void Seal() => OnGaveUp();

    /// <summary>One operation's caller stopped waiting; the last one cancels the call.</summary>
    public void OnGaveUp()
    {
        if (Interlocked.Decrement(ref _waiting) == 0)
        {
            try
            {
                // Asynchronously: this may run under the coalescer's lock, and cancelling completes the HTTP call,
                // whose continuation takes that lock.
                _ = _cancellation.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The call ended meanwhile.
            }
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
