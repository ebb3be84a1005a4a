using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Cluster;

/// <summary>Something for the event loop to do. Events that carry a caller's task fail it when the node stops.</summary>
internal abstract record LoopEvent
{
    /// <summary>Completes the caller's task with a failure, if the event has one.</summary>
    public virtual void Fail(string reason)
    {
    }
}

/// <summary>One tick of the Raft clock.</summary>
internal sealed record TickEvent : LoopEvent
{
    public static TickEvent Instance { get; } = new();
}

/// <summary>A message (or a reassembled snapshot) from a peer.</summary>
internal sealed record InboundEvent(InboundMessage Inbound) : LoopEvent;

/// <summary>Messages to a peer were dropped.</summary>
internal sealed record UnreachableEvent(ulong Peer) : LoopEvent;

/// <summary>A snapshot transfer to a peer ended.</summary>
internal sealed record SnapshotSentEvent(ulong Peer, SnapshotStatus Status) : LoopEvent;

/// <summary>The worker taking a snapshot has ended (successfully or not).</summary>
internal sealed record SnapshotWrittenEvent(Task<long> Work) : LoopEvent;

/// <summary>The worker taking a snapshot has checkpointed and frozen the store and no longer needs it.</summary>
internal sealed record SnapshotCheckpointedEvent(Task Checkpointed) : LoopEvent;

/// <summary>A client asked this node to confirm a read to its leader (<c>Tower/ConfirmRead</c>).</summary>
internal sealed record ConfirmReadEvent(ulong ReadId) : LoopEvent;

/// <summary>A read round's confirmations did not come in time: send it to every follower.</summary>
internal sealed record ReadRoundOverdueEvent : LoopEvent
{
    public static ReadRoundOverdueEvent Instance { get; } = new();
}

/// <summary>The leader's periodic look for due TTL expirations.</summary>
internal sealed record ExpiryEvent : LoopEvent
{
    public static ExpiryEvent Instance { get; } = new();
}

/// <summary>A client write (an encoded command envelope) to append to the log.</summary>
internal sealed record ProposeEvent(byte[] Command, TaskCompletionSource<NodeReply> Reply) : LoopEvent
{
    public override void Fail(string reason) => Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
}

/// <summary>
/// A linearizable read to serve once the read index is confirmed and applied; <paramref name="ConfirmId"/> is the
/// client's <c>read_confirm</c> (0 for none).
/// </summary>
internal sealed record ReadEvent(TowerCommand Query, TaskCompletionSource<NodeReply> Reply, ulong ConfirmId = 0) : LoopEvent
{
    public override void Fail(string reason) => Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
}

/// <summary>
/// Writes and reads started together (one <c>ExecuteBatch</c> call): the loop takes them all in the same turn and in
/// their order, so the writes share one append and one fsync and the reads one ReadIndex round.
/// </summary>
internal sealed record RequestBatchEvent(IReadOnlyList<LoopEvent> Requests) : LoopEvent
{
    public override void Fail(string reason)
    {
        foreach (var request in Requests)
        {
            request.Fail(reason);
        }
    }
}

/// <summary>Any other request answered on the loop (membership, transfer), as a function of the core.</summary>
internal sealed record ControlEvent(Func<ClusterNode, NodeReply> Action, TaskCompletionSource<NodeReply> Reply) : LoopEvent
{
    public override void Fail(string reason) => Reply.TrySetResult(NodeReply.Unavailable(reason, 0, 0));
}

/// <summary>A write accepted into the leader's log, waiting to be applied.</summary>
internal sealed record PendingProposal(long Term, TaskCompletionSource<NodeReply> Reply);

/// <summary>A read waiting for its read index, then for the state machine to reach it.</summary>
internal sealed record PendingRead(TowerCommand Query, TaskCompletionSource<NodeReply> Reply, ulong ConfirmId);
