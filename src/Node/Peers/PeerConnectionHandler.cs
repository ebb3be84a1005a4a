using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace RaftTower.Node.Peers;

/// <summary>
/// Kestrel connection handler of the peer port: reads the hello, then batches of Raft messages, and hands each message
/// to the sink. Malformed input closes this connection only (with a log line); the node keeps serving.
/// </summary>
internal sealed class PeerConnectionHandler(IPeerMessageSink sink, ILogger<PeerConnectionHandler> logger) : ConnectionHandler
{
    private const int MaxMessagesPerBatch = 1 << 16;

    /// <summary>
    /// How long a new connection may take to introduce itself. A peer sends its hello first thing; without this
    /// deadline a client that connects and says nothing (or trickles bytes) would hold the connection forever.
    /// </summary>
    internal static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        ulong peer = 0;
        long number = 0;
        // Kestrel asks (ConnectionClosedRequested) when the node shuts down: without that, a peer's connection, which
        // never ends by itself, held the shutdown for the host's whole timeout (30 s).
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var helloDeadline = CancellationTokenSource.CreateLinkedTokenSource(closing);
        helloDeadline.CancelAfter(HelloTimeout);
        try
        {
            while (true)
            {
                // Not ConnectionClosed as the token: Kestrel fires it when the peer's FIN arrives, which cancelled the
                // read and dropped whatever came with the FIN unread (a peer's last batch, or a stranger's bad frame
                // closed without a word). The end of the stream shows up as IsCompleted instead.
                var read = await input.ReadAsync(peer == 0 ? helloDeadline.Token : closing).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (PeerFrame.TryRead(ref buffer, out var kind, out var payload))
                {
                    (peer, number) = Handle(peer, number, kind, payload);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    if (buffer.Length > 0)
                    {
                        throw new PeerProtocolException($"connection closed inside a frame ({buffer.Length} bytes pending)");
                    }

                    return;
                }
            }
        }
        catch (PeerProtocolException e)
        {
            logger.PeerProtocolViolation(connection.RemoteEndPoint?.ToString() ?? "?", peer, e.Message);
        }
        catch (OperationCanceledException) when (peer == 0 && !closing.IsCancellationRequested && helloDeadline.IsCancellationRequested)
        {
            logger.PeerProtocolViolation(connection.RemoteEndPoint?.ToString() ?? "?", peer, $"no hello within {HelloTimeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConnectionResetException)
        {
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private (ulong Peer, long Number) Handle(ulong peer, long number, PeerFrameKind kind, ReadOnlySequence<byte> payload)
    {
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (kind == PeerFrameKind.Hello)
        {
            if (peer != 0)
            {
                throw new PeerProtocolException("a second hello on one connection");
            }

            var hello = PeerHello.Read(bytes);
            return (hello.NodeId, sink.PeerIntroduced(hello));
        }

        if (peer == 0)
        {
            throw new PeerProtocolException("messages before the hello");
        }

        var reader = new WireReader(bytes);
        var count = reader.ReadCount("batch size", MaxMessagesPerBatch);
        for (var i = 0; i < count; i++)
        {
            var message = PeerMessageCodec.Read(reader.ReadSlice("message", PeerFrame.MaxFrameBytes));
            if (message.From != peer)
            {
                throw new PeerProtocolException($"message from node {message.From} on the connection of node {peer}");
            }

            sink.Deliver(peer, number, message);
        }

        reader.EnsureEnd("batch");
        return (peer, number);
    }
}
