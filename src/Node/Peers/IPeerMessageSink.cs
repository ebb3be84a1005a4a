using RaftTower.Raft.Core;

namespace RaftTower.Node.Peers;

/// <summary>Where the peer listener hands what it receives (the node's event loop).</summary>
/// <remarks>Called from connection threads, concurrently; implementations queue and return quickly.</remarks>
internal interface IPeerMessageSink
{
    /// <summary>A peer introduced itself with where its clients connect and where it listens for peers.</summary>
    void PeerIntroduced(PeerHello hello);

    /// <summary>A Raft message arrived from <paramref name="peerId"/>.</summary>
    void Deliver(ulong peerId, Message message);
}
