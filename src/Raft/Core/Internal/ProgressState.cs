namespace RaftTower.Raft.Core.Internal;

/// <summary>How the leader currently replicates to one follower (etcd's progress states).</summary>
internal enum ProgressState : byte
{
    /// <summary>Unsure where the follower's log matches: one append per heartbeat until it answers.</summary>
    Probe = 0,

    /// <summary>Matching found: appends are pipelined optimistically, bounded by the in-flight window.</summary>
    Replicate = 1,

    /// <summary>A snapshot is on its way; appends wait for it.</summary>
    Snapshot = 2,
}
