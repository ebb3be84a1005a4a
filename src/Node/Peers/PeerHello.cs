using System.Buffers;

namespace RaftTower.Node.Peers;

/// <summary>The first frame of every peer connection.</summary>
/// <param name="NodeId">The sender.</param>
/// <param name="ClientUrl">Where the sender's clients connect (for leader hints).</param>
/// <param name="PeerAddress">Where the sender listens for peers (host:port), so a node that joins with no member list can answer.</param>
internal readonly record struct PeerHello(ulong NodeId, string ClientUrl, string PeerAddress)
{
    private const int MaxUrlBytes = 2048;

    public void Write(IBufferWriter<byte> output)
    {
        var w = new WireWriter(output);
        w.WriteUInt64(PeerFrame.Magic);
        w.WriteUInt64(NodeId);
        w.WriteString(ClientUrl);
        w.WriteString(PeerAddress);
    }

    public static PeerHello Read(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload);
        if (r.ReadUInt64() != PeerFrame.Magic)
        {
            throw new PeerProtocolException("not a RaftTower peer (bad magic in hello); is a client talking to the peer port?");
        }

        var id = r.ReadUInt64();
        if (id == 0)
        {
            throw new PeerProtocolException("hello carries node id 0");
        }

        var url = r.ReadString("client url", MaxUrlBytes);
        var peerAddress = r.ReadString("peer address", MaxUrlBytes);
        r.EnsureEnd("hello");
        return new PeerHello(id, url, peerAddress);
    }
}
