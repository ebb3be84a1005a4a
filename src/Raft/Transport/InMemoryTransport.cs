using System.Threading.Channels;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>An <see cref="IRaftTransport"/> over an <see cref="InMemoryNetwork"/>: delivery is immediate and in order per link.</summary>
public sealed class InMemoryTransport : IRaftTransport
{
    private readonly InMemoryNetwork _network;
    private readonly Channel<InboundMessage> _inbound = Channel.CreateUnbounded<InboundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SnapshotAssembler _assembler = new();
    private readonly Lock _assemblerLock = new();

    internal InMemoryTransport(ulong id, InMemoryNetwork network)
    {
        LocalId = id;
        _network = network;
    }

    /// <inheritdoc />
    public ulong LocalId { get; }

    /// <inheritdoc />
    public ChannelReader<InboundMessage> Inbound => _inbound.Reader;

    /// <inheritdoc />
    public ValueTask<bool> SendAsync(ulong peer, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var target = _network.Route(LocalId, peer);
        if (target is null)
        {
            return ValueTask.FromResult(false);
        }

        foreach (var message in messages)
        {
            if (!target._inbound.Writer.TryWrite(new InboundMessage(message, null)))
            {
                return ValueTask.FromResult(false);
            }
        }

        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public async ValueTask<SnapshotStatus> SendSnapshotAsync(ulong peer, Message install, Stream data, int chunkSize, CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in SnapshotChunker.ReadChunksAsync(install with { To = peer }, data, chunkSize, cancellationToken).ConfigureAwait(false))
        {
            var target = _network.Route(LocalId, peer);
            if (target is null || !target.ReceiveChunk(chunk))
            {
                return SnapshotStatus.Failed;
            }
        }

        return SnapshotStatus.Finished;
    }

    private bool ReceiveChunk(Message chunk)
    {
        lock (_assemblerLock)
        {
            var outcome = _assembler.Accept(chunk, out var completed);
            return outcome switch
            {
                SnapshotChunkOutcome.Complete => _inbound.Writer.TryWrite(completed!),
                SnapshotChunkOutcome.InProgress => true,
                _ => false,
            };
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _network.Disconnect(LocalId);
        _inbound.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
