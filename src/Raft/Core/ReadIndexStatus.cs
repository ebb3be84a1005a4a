namespace RaftTower.Raft.Core;

/// <summary>The outcome of a <see cref="RaftNode.ReadIndex"/> request.</summary>
public enum ReadIndexStatus : byte
{
    /// <summary>Accepted (served by this leader or forwarded to it); a <see cref="ReadState"/> with the same context follows in a ready batch, unless leadership is lost first.</summary>
    Accepted = 0,

    /// <summary>No leader is known; retry later.</summary>
    NoLeader = 1,
}
