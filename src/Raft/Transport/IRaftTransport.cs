using System.Threading.Channels;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>
/// How a node exchanges Raft messages with its peers. Implemented over TCP by the node (one pipelined connection per
/// peer, one network write per batch) and in memory by <see cref="InMemoryTransport"/>.
/// </summary>
/// <remarks>
/// Sends are best effort: Raft tolerates loss, duplication and reordering, so an unreachable peer is reported as a
/// value (false / <see cref="SnapshotStatus.Failed"/>) for <see cref="RaftNode.ReportUnreachable"/> and
/// <see cref="RaftNode.ReportSnapshot"/>, never as an exception. Send may be called concurrently for different peers.
/// </remarks>
public interface IRaftTransport : IAsyncDisposable
{
    /// <summary>This node's id.</summary>
    ulong LocalId { get; }

    /// <summary>Messages received from peers; an InstallSnapshot arrives once all its chunks did, with the data.</summary>
    ChannelReader<InboundMessage> Inbound { get; }

    /// <summary>Sends a batch of messages to <paramref name="peer"/>, in order; false when the peer is unreachable.</summary>
    ValueTask<bool> SendAsync(ulong peer, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams a snapshot: <paramref name="install"/> (an <see cref="MessageType.InstallSnapshot"/>) and the bytes of
    /// <paramref name="data"/>, in chunks of at most <paramref name="chunkSize"/> bytes.
    /// </summary>
    ValueTask<SnapshotStatus> SendSnapshotAsync(ulong peer, Message install, Stream data, int chunkSize, CancellationToken cancellationToken = default);
}
