namespace RaftTower.Raft.Core;

/// <summary>The outcome of <see cref="RaftNode.TransferLeadership"/>.</summary>
public enum TransferStatus : byte
{
    /// <summary>The transfer started (or was already running to the same target); proposals are refused until it ends.</summary>
    Started = 0,

    /// <summary>This node is not the leader.</summary>
    NotLeader = 1,

    /// <summary>The target is this node, which already leads.</summary>
    AlreadyLeader = 2,

    /// <summary>The target is not a voter of the current configuration.</summary>
    NotVoter = 3,
}
