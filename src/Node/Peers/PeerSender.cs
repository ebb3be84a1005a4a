using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RaftTower.Raft.Core;

namespace RaftTower.Node.Peers;

/// <summary>
/// The outgoing connection to one peer: a queue drained by one loop that writes everything queued as one batch frame
/// (one network write per batch), reconnecting with backoff. Raft tolerates loss, so when the peer is unreachable or
/// the queue is full, messages are dropped and <see cref="Unreachable"/> tells the core to slow down to probing.
/// </summary>
internal sealed class PeerSender : IAsyncDisposable
{
    private const int QueueCapacity = 4096;
    private const int MaxBatchBytes = 8 << 20;

    /// <summary>
    /// Snapshot chunks queued or being written to the socket at once (16 MiB at the node's 1 MiB chunks). The queue's own
    /// bound counts messages, so before this a snapshot streamed to a slow or stalled peer could be read into memory up
    /// to 4,096 chunks — 4 GiB — ahead of the socket.
    /// </summary>
    internal const int MaxChunksInFlight = 16;
    private readonly Channel<Message> _queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,

        // The waiting sender runs on the thread that queued the message (the node's loop, mostly) up to its socket
        // write, which does not block (it completes later on its own if the socket is full): one thread wake-up less
        // per message on every link (issue 6; in A/B runs reads at 256 clients +30%, writes +10-20%). Writers waiting
        // for room resume on the thread pool, never inside the sender (EnqueueWaitingAsync).
        AllowSynchronousContinuations = true,
    });

    private readonly CancellationTokenSource _stop = new();

    /// <summary>Room for snapshot chunks (<see cref="MaxChunksInFlight"/>), given back once a chunk is written or dropped.</summary>
    private readonly SemaphoreSlim _chunkRoom = new(MaxChunksInFlight, MaxChunksInFlight);
    private readonly PeerHello _hello;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private readonly IPAddress? _source;
    private bool _connected;

    public PeerSender(ulong peerId, DnsEndPoint address, PeerHello hello, ILogger logger, Action<ulong> unreachable)
    {
        PeerId = peerId;
        Address = address;
        _hello = hello;
        _logger = logger;
        Unreachable = unreachable;
        _source = SourceAddressFor(hello.PeerAddress);
        _loop = Task.Run(RunAsync);
    }

    public ulong PeerId { get; }

    public DnsEndPoint Address { get; }

    /// <summary>Called (from the sender's loop) when messages to the peer were dropped.</summary>
    public Action<ulong> Unreachable { get; }

    /// <summary>True while a connection to the peer is established.</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    /// <summary>
    /// Queues <paramref name="message"/>; false (and the message dropped) when the queue is full. Snapshot chunks go
    /// through <see cref="EnqueueWaitingAsync"/> only (they need room among the chunks in flight).
    /// </summary>
    public bool Enqueue(Message message) => message.Type != MessageType.SnapshotChunk && _queue.Writer.TryWrite(message);

    /// <summary>
    /// Queues <paramref name="message"/>, waiting for room — among the snapshot chunks in flight for a chunk, then in the
    /// queue; false once the peer is unreachable or the sender is stopped.
    /// </summary>
    public async ValueTask<bool> EnqueueWaitingAsync(Message message, CancellationToken cancellationToken)
    {
        var chunk = message.Type == MessageType.SnapshotChunk;
        if (chunk && !await TakeChunkRoomAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var queued = false;
        try
        {
            while (IsConnected && !cancellationToken.IsCancellationRequested)
            {
                if (_queue.Writer.TryWrite(message))
                {
                    queued = true;
                    return true;
                }

                // Woken when the sender has taken messages out, or when it dropped the queue on losing the connection
                // (then IsConnected is false); no polling while a stalled link holds the queue full.
                if (!await _queue.Writer.WaitToWriteAsync(cancellationToken).AsTask().ConfigureAwait(ConfigureAwaitOptions.ForceYielding))
                {
                    return false;
                }
            }

            return false;
        }
        finally
        {
            if (chunk && !queued)
            {
                _chunkRoom.Release();
            }
        }
    }

    /// <summary>Waits until fewer than <see cref="MaxChunksInFlight"/> chunks are queued or being written; false when stopped.</summary>
    private async ValueTask<bool> TakeChunkRoomAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Also woken by the sender's stop: a transfer must not wait forever on a sender replaced by a new address.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            await _chunkRoom.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The address outgoing peer connections are bound to: this node's advertised peer host when it is a literal IP
    /// other than a wildcard, null (the OS picks) otherwise.
    /// </summary>
    /// <remarks>
    /// So a peer sees the connection come from the address this node advertises, on hosts with several addresses
    /// (and a fault-injecting proxy in front of a peer can tell the callers apart by source address: the chaos
    /// harness' local backend, issue 5). An address the host cannot bind falls back to an unbound socket.
    /// </remarks>
    internal static IPAddress? SourceAddressFor(string advertisedPeerAddress)
    {
        var colon = advertisedPeerAddress.LastIndexOf(':');
        var host = colon > 0 ? advertisedPeerAddress[..colon].Trim('[', ']') : advertisedPeerAddress;
        return IPAddress.TryParse(host, out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) ? ip : null;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();

        // _chunkRoom is not disposed: a snapshot transfer still finishing may give its room back after this (SemaphoreSlim
        // holds nothing to free unless its wait handle was asked for).
    }

    private async Task RunAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        var frame = new FrameBuffer();
        var reader = _queue.Reader;
        while (!_stop.IsCancellationRequested)
        {
            using var socket = NewSocket();
            try
            {
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                    await socket.ConnectAsync(Address, connectTimeout.Token).ConfigureAwait(false);
                }

                await using var stream = new NetworkStream(socket, ownsSocket: false);
                frame.BeginFrame();
                _hello.Write(frame);
                frame.EndFrame(PeerFrameKind.Hello);
                await stream.WriteAsync(frame.WrittenMemory, _stop.Token).ConfigureAwait(false);
                _logger.PeerConnected(PeerId, Address.ToString());
                Volatile.Write(ref _connected, true);
                backoff = TimeSpan.FromMilliseconds(50);

                while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    frame.BeginFrame();
                    var countPosition = frame.BeginLength();
                    var count = 0;
                    var chunks = 0;
                    while (frame.WrittenCount < MaxBatchBytes && reader.TryRead(out var message))
                    {
                        var lengthPosition = frame.BeginLength();
                        PeerMessageCodec.Write(frame, message);
                        frame.EndLength(lengthPosition);
                        count++;
                        chunks += message.Type == MessageType.SnapshotChunk ? 1 : 0;
                    }

                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(frame.GetSpanAt(countPosition), count);
                    frame.EndFrame(PeerFrameKind.Batch);
                    try
                    {
                        await stream.WriteAsync(frame.WrittenMemory, _stop.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Written or lost with the connection: either way these chunks no longer hold memory here.
                        ReleaseChunkRoom(chunks);
                    }
                }

                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                Volatile.Write(ref _connected, false);
                _logger.PeerUnreachable(PeerId, Address.ToString(), e.Message);
                while (reader.TryRead(out var dropped))
                {
                    // Dropped: the core re-sends what matters once the peer answers again.
                    ReleaseChunkRoom(dropped.Type == MessageType.SnapshotChunk ? 1 : 0);
                }

                Unreachable(PeerId);
                try
                {
                    await Task.Delay(backoff, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    private void ReleaseChunkRoom(int chunks)
    {
        if (chunks > 0)
        {
            _chunkRoom.Release(chunks);
        }
    }

    private Socket NewSocket()
    {
        if (_source is null)
        {
            return new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }

        var socket = new Socket(_source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(_source, 0));
            return socket;
        }
        catch (SocketException)
        {
            // Not an address of this host (advertised through NAT, say): let the OS pick, as without a literal IP.
            socket.Dispose();
            return new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
    }
}
