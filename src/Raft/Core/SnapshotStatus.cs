namespace RaftTower.Raft.Core;

/// <summary>How sending a snapshot to a follower ended, as reported by the host with <see cref="RaftNode.ReportSnapshot"/>.</summary>
public enum SnapshotStatus : byte
{
    /// <summary>Every chunk was handed to the transport; the leader resumes probing after the snapshot index.</summary>
    Finished = 0,

    /// <summary>The transfer failed; the leader probes again and may send a new snapshot.</summary>
    Failed = 1,
}
