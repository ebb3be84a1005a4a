using RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>
/// The client's exactly-once session: a random 64-bit client id and a sequence per write
/// (Raft dissertation §6.3, "Implementing linearizable semantics").
/// </summary>
/// <remarks>
/// Thread-safe. <c>acked_below</c> is the lowest sequence still in flight, so the node may forget every recorded
/// result below it; a sequence leaves the in-flight set only when its call has finished (answered or given up),
/// so concurrent calls on one client never let the node discard a result a pending retry still needs.
/// </remarks>
internal sealed class SessionSequencer
{
    private readonly Lock _gate = new();
    private readonly SortedSet<ulong> _inFlight = [];
    private ulong _next = 1;

    public SessionSequencer(ulong clientId)
    {
        ClientId = clientId;
    }

    public ulong ClientId { get; }

    /// <summary>A random non-zero id (0 means "no session" on the wire).</summary>
    public static ulong NewClientId() => RandomId.NonZero();

    /// <summary>Allocates the next sequence and marks it in flight until <see cref="Complete"/>.</summary>
    public RequestHeader Begin()
    {
        lock (_gate)
        {
            var sequence = _next++;
            _inFlight.Add(sequence);
            return new RequestHeader { ClientId = ClientId, Sequence = sequence, AckedBelow = _inFlight.Min };
        }
    }

    /// <summary>The call for <paramref name="sequence"/> has finished; its result need not be kept any longer.</summary>
    public void Complete(ulong sequence)
    {
        lock (_gate)
        {
            _inFlight.Remove(sequence);
        }
    }
}
