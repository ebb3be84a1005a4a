using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RaftTower.Node.Peers;
using RaftTower.Raft.Core;

namespace RaftTower.Node.Tests;

public sealed class PeerSenderTests
{
    [Theory]
    [InlineData("127.0.0.12:7201", "127.0.0.12")]
    [InlineData("10.0.0.4:7201", "10.0.0.4")]
    [InlineData("[::1]:7201", "::1")]
    [InlineData("0.0.0.0:7201", null)]
    [InlineData("[::]:7201", null)]
    [InlineData("node-2.internal:7201", null)]
    public void Outgoing_connections_bind_only_a_literal_non_wildcard_advertised_ip(string advertised, string? expected) =>
        Assert.Equal(expected, PeerSender.SourceAddressFor(advertised)?.ToString());

    [Fact]
    public async Task A_peer_sees_the_connection_come_from_the_advertised_address()
    {
        using var listener = Listen(out var peerAddress);
        var hello = new PeerHello(2, "http://127.0.0.12:7101", "127.0.0.12:7201");
        await using var sender = new PeerSender(1, peerAddress, hello, NullLogger.Instance, _ => { });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var accepted = await listener.AcceptSocketAsync(timeout.Token);
        Assert.Equal(IPAddress.Parse("127.0.0.12"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task An_advertised_address_the_host_does_not_have_still_connects()
    {
        using var listener = Listen(out var peerAddress);
        var hello = new PeerHello(2, "http://192.0.2.1:7101", "192.0.2.1:7201"); // TEST-NET-1: never a local address
        await using var sender = new PeerSender(1, peerAddress, hello, NullLogger.Instance, _ => { });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var accepted = await listener.AcceptSocketAsync(timeout.Token);
        Assert.True(IPAddress.IsLoopback(((IPEndPoint)accepted.RemoteEndPoint!).Address));
    }

    [Fact]
    public async Task Snapshot_chunks_for_a_peer_that_stops_reading_wait_instead_of_piling_up_in_memory()
    {
        using var listener = Listen(out var peerAddress);
        var hello = new PeerHello(1, "http://127.0.0.1:7101", "127.0.0.1:7201");
        await using var sender = new PeerSender(2, peerAddress, hello, NullLogger.Instance, _ => { });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var peer = await listener.AcceptSocketAsync(deadline.Token);
        while (!sender.IsConnected)
        {
            await Task.Delay(10, deadline.Token);
        }

        // The peer reads nothing: once the socket buffers are full, every further chunk has to wait. 120 chunks of
        // 1 MiB would all have been queued at once before (the queue counted messages, up to 4,096).
        const int Chunks = 120;
        var metadata = new SnapshotMetadata(100, 3, new ConfigState([1, 2, 3], []), 0);
        Message Chunk(int i) => new(MessageType.SnapshotChunk, 1, 2, 3) { Snapshot = metadata, ChunkOffset = (long)i << 20, ChunkData = new byte[1 << 20], ChunkDone = i == Chunks - 1 };
        var queued = 0;
        Task<bool> pending = Task.FromResult(true);
        for (; queued < Chunks; queued++)
        {
            pending = sender.EnqueueWaitingAsync(Chunk(queued), deadline.Token).AsTask();
            await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(2), deadline.Token));
            if (!pending.IsCompleted)
            {
                break;
            }

            Assert.True(await pending);
        }

        // The bound is chunks queued or being written; what the kernel's socket buffers took already counts as sent.
        // (The 2 s without progress only decide when to stop queueing: a slower machine stops earlier, never later.)
        Assert.InRange(queued, 0, PeerSender.MaxChunksInFlight + 40);

        // Once the peer reads, the waiting chunk and all the rest go through, with nothing dropped.
        var drained = DrainAsync(peer, (long)Chunks << 20, deadline.Token);
        Assert.True(await pending);
        for (queued++; queued < Chunks; queued++)
        {
            Assert.True(await sender.EnqueueWaitingAsync(Chunk(queued), deadline.Token));
        }

        var received = await drained;
        Assert.True(received >= (long)Chunks << 20, $"the peer received {received} bytes, less than the {Chunks} MiB of chunks");
    }

    /// <summary>A peer's listener on a free loopback port, and the address a sender reaches it at.</summary>
    private static TcpListener Listen(out DnsEndPoint address)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        address = new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        return listener;
    }

    /// <summary>Reads until more than <paramref name="payload"/> bytes (the chunks plus framing) have arrived; returns the bytes read.</summary>
    private static async Task<long> DrainAsync(Socket peer, long payload, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        long total = 0;
        while (total < payload + 4096)
        {
            var read = await peer.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
