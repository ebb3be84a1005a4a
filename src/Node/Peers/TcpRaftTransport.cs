using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;

namespace RaftTower.Node.Peers;

/// <summary>
/// <see cref="IRaftTransport"/> over TCP: one outgoing pipelined connection per peer (<see cref="PeerSender"/>), and
/// the peer listener (<see cref="PeerConnectionHandler"/>) feeding <see cref="Inbound"/>. Snapshot chunks are
/// reassembled per sending peer into a file under the data directory before the InstallSnapshot is delivered.
/// </summary>
/// <remarks>Thread-safe: senders, the listener's connections and the event loop all call in concurrently.</remarks>
internal sealed class TcpRaftTransport : IRaftTransport, IPeerMessageSink
{
    private readonly Channel<InboundMessage> _inbound = Channel.CreateUnbounded<InboundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ulong, PeerSender> _senders = new();
    private readonly ConcurrentDictionary<ulong, string> _clientUrls = new();
    private readonly ConcurrentDictionary<ulong, (Lock Gate, SnapshotAssembler Assembler)> _assemblers = new();
    private readonly ConcurrentDictionary<ulong, long> _fences = new();
    private long _connections;
    private readonly PeerHello _hello;
    private readonly string _incomingDir;
    private readonly ILogger _logger;
    private Action<InboundMessage>? _receiver;

    public TcpRaftTransport(ulong localId, string localClientUrl, string localPeerAddress, string incomingSnapshotDir, ILogger<TcpRaftTransport> logger)
    {
        LocalId = localId;
        _hello = new PeerHello(localId, localClientUrl, localPeerAddress);
        _incomingDir = incomingSnapshotDir;
        _logger = logger;
        _clientUrls[localId] = localClientUrl;
        Directory.CreateDirectory(_incomingDir);
    }

    /// <inheritdoc />
    public ulong LocalId { get; }

    /// <inheritdoc />
    public ChannelReader<InboundMessage> Inbound => _inbound.Reader;

    /// <summary>
    /// From now on, hands every inbound message straight to <paramref name="receiver"/> on the connection's thread
    /// instead of queueing it on <see cref="Inbound"/> (messages already queued are handed over first, once).
    /// </summary>
    /// <remarks>
    /// Hot path: the node's loop has its own queue, so a second queue and the task pumping it cost a thread
    /// wake-up per received batch on every node. <paramref name="receiver"/> must not block.
    /// </remarks>
    public void DeliverTo(Action<InboundMessage> receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        Volatile.Write(ref _receiver, receiver);
        while (_inbound.Reader.TryRead(out var queued))
        {
            receiver(queued);
        }
    }

    /// <summary>Raised (on a sender's thread) when messages to a peer were dropped because it is unreachable.</summary>
    public event Action<ulong>? PeerUnreachable;

    /// <summary>The client URL a peer announced in its hello, for leader hints; null when not known yet.</summary>
    public string? ClientUrlOf(ulong peerId) => _clientUrls.GetValueOrDefault(peerId);

    /// <summary>Connects to these peers (other than this node), replacing connections whose address changed.</summary>
    public void AddOrUpdatePeers(IReadOnlyDictionary<ulong, DnsEndPoint> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        foreach (var (id, address) in peers)
        {
            AddOrUpdatePeer(id, address);
        }
    }

    /// <summary>Closes the connection to a member that left the configuration.</summary>
    public void RemovePeer(ulong id)
    {
        lock (_senders)
        {
            if (_senders.TryRemove(id, out var removed))
            {
                _ = removed.DisposeAsync().AsTask();
            }
        }
    }

    private void AddOrUpdatePeer(ulong id, DnsEndPoint address)
    {
        lock (_senders)
        {
            if (id == LocalId || (_senders.TryGetValue(id, out var existing) && existing.Address.Equals(address)))
            {
                return;
            }

            if (_senders.TryGetValue(id, out var old))
            {
                _ = old.DisposeAsync().AsTask();
            }

            _senders[id] = new PeerSender(id, address, _hello, _logger, peer => PeerUnreachable?.Invoke(peer));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> SendAsync(ulong peer, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!_senders.TryGetValue(peer, out var sender))
        {
            return ValueTask.FromResult(false);
        }

        var all = true;
        foreach (var message in messages)
        {
            all &= sender.Enqueue(message);
        }

        return ValueTask.FromResult(all && sender.IsConnected);
    }

    /// <inheritdoc />
    public async ValueTask<SnapshotStatus> SendSnapshotAsync(ulong peer, Message install, Stream data, int chunkSize, CancellationToken cancellationToken = default)
    {
        if (!_senders.TryGetValue(peer, out var sender))
        {
            return SnapshotStatus.Failed;
        }

        await foreach (var chunk in SnapshotChunker.ReadChunksAsync(install with { To = peer }, data, chunkSize, cancellationToken).ConfigureAwait(false))
        {
            if (!await sender.EnqueueWaitingAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                return SnapshotStatus.Failed;
            }
        }

        return SnapshotStatus.Finished;
    }

    /// <summary>
    /// From now on, messages from <paramref name="peerId"/> that came on a connection opened before this call are
    /// stale (<see cref="IsFenced"/>). Called when the member is (re)added: a removed node wiped and added back under
    /// the same id must not have a delayed acknowledgement of its earlier incarnation counted for the empty one.
    /// </summary>
    public void FenceInbound(ulong peerId) => _fences[peerId] = Interlocked.Read(ref _connections);

    /// <summary>True when <paramref name="inbound"/> came on a connection from before its sender's last <see cref="FenceInbound"/>.</summary>
    public bool IsFenced(InboundMessage inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return _fences.TryGetValue(inbound.Message.From, out var fence) && inbound.Connection <= fence;
    }

    /// <inheritdoc />
    public long PeerIntroduced(PeerHello hello)
    {
        var number = Interlocked.Increment(ref _connections);
        _clientUrls[hello.NodeId] = hello.ClientUrl;

        // A node that joined with no member list learns where to answer from the peers that contact it.
        if (!_senders.ContainsKey(hello.NodeId) && Configuration.MemberList.TryParseHostPort(hello.PeerAddress, out var address))
        {
            AddOrUpdatePeer(hello.NodeId, address);
        }

        return number;
    }

    /// <inheritdoc />
    public void Deliver(ulong peerId, long connection, Message message)
    {
        if (message.To != LocalId)
        {
            throw new PeerProtocolException($"message for node {message.To} delivered to node {LocalId}");
        }

        if (message.Type != MessageType.SnapshotChunk)
        {
            Receive(new InboundMessage(message, null, connection));
            return;
        }

        if (message.Snapshot is null)
        {
            throw new PeerProtocolException("snapshot chunk without metadata");
        }

        var (gate, assembler) = _assemblers.GetOrAdd(peerId, id => (new Lock(), new SnapshotAssembler(meta => CreateIncomingFile(id))));
        lock (gate)
        {
            if (assembler.Accept(message, out var completed) == SnapshotChunkOutcome.Complete)
            {
                Receive(completed! with { Connection = connection });
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        _senders.Clear();
        _inbound.Writer.TryComplete();
    }

    private void Receive(InboundMessage inbound)
    {
        if (Volatile.Read(ref _receiver) is { } receiver)
        {
            receiver(inbound);
        }
        else
        {
            _inbound.Writer.TryWrite(inbound);
        }
    }

    private FileStream CreateIncomingFile(ulong peerId) => new(
        Path.Combine(_incomingDir, $"from-{peerId}-{Guid.NewGuid():N}.snap"),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        1 << 16,
        FileOptions.DeleteOnClose);
}
