namespace RaftTower.Node.Peers;

/// <summary>What a peer frame carries.</summary>
internal enum PeerFrameKind : byte
{
    /// <summary>First frame of a connection: magic, sender id, sender's client URL.</summary>
    Hello = 1,

    /// <summary>A batch of Raft messages.</summary>
    Batch = 2,
}
