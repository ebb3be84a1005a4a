using Microsoft.Extensions.Logging.Abstractions;
using RaftTower.Node.Peers;
using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;

namespace RaftTower.Node.Tests;

/// <summary>
/// A member removed, wiped and added back under the same id must not have what its earlier incarnation still had in
/// flight counted for the new one: after <see cref="TcpRaftTransport.FenceInbound"/>, messages of connections opened
/// before it are stale, those of later connections are not.
/// </summary>
public sealed class InboundFenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rafttower-fence-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Messages_of_connections_opened_before_the_fence_are_stale()
    {
        await using var transport = new TcpRaftTransport(1, "http://127.0.0.1:1", "127.0.0.1:2", _dir, NullLogger<TcpRaftTransport>.Instance);
        var received = new List<InboundMessage>();
        transport.DeliverTo(received.Add);
        var hello = new PeerHello(2, "http://127.0.0.2:1", "127.0.0.2:2");

        var old = transport.PeerIntroduced(hello);
        transport.Deliver(2, old, new Message(MessageType.AppendResponse, 2, 1, 5) { Index = 40 });
        var otherPeer = transport.PeerIntroduced(hello with { NodeId = 3 });
        transport.Deliver(3, otherPeer, new Message(MessageType.AppendResponse, 3, 1, 5) { Index = 40 });

        transport.FenceInbound(2);
        var fresh = transport.PeerIntroduced(hello);
        transport.Deliver(2, fresh, new Message(MessageType.AppendResponse, 2, 1, 5) { Index = 0 });

        Assert.True(fresh > old);
        Assert.Equal([old, otherPeer, fresh], received.Select(m => m.Connection));
        Assert.True(transport.IsFenced(received[0]));       // the earlier incarnation's acknowledgement
        Assert.False(transport.IsFenced(received[1]));      // another member is not affected
        Assert.False(transport.IsFenced(received[2]));      // the new incarnation's connection
    }

    [Fact]
    public async Task Nothing_is_stale_before_a_fence()
    {
        await using var transport = new TcpRaftTransport(1, "http://127.0.0.1:1", "127.0.0.1:2", _dir, NullLogger<TcpRaftTransport>.Instance);
        InboundMessage? received = null;
        transport.DeliverTo(m => received = m);

        transport.Deliver(2, transport.PeerIntroduced(new PeerHello(2, "http://127.0.0.2:1", "127.0.0.2:2")), new Message(MessageType.Heartbeat, 2, 1, 1));

        Assert.NotNull(received);
        Assert.False(transport.IsFenced(received));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
