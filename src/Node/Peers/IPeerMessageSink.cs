using RaftTower.Raft.Core;

namespace RaftTower.Node.Peers;

/// <summary>Where the peer listener hands what it receives (the node's event loop).</summary>
/// <remarks>Called from connection threads, concurrently; implementations queue and return quickly.</remarks>
internal interface IPeerMessageSink
{
    /// <summary>
    /// A peer introduced itself with where its clients connect and where it listens for peers; returns the number
    /// this connection's messages carry (increasing with every connection).
    /// </summary>
    long PeerIntroduced(PeerHello hello);

    /// <summary>A Raft message arrived from <paramref name="peerId"/> on connection <paramref name="connection"/>.</summary>
    void Deliver(ulong peerId, long connection, Message message);
}
