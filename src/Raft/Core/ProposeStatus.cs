namespace RaftTower.Raft.Core;

/// <summary>The outcome of a proposal or configuration change.</summary>
public enum ProposeStatus : byte
{
    /// <summary>Appended to the leader's log at <see cref="ProposeResult.Index"/>; committed later (or lost to a leader change).</summary>
    Accepted = 0,

    /// <summary>This node is not the leader; <see cref="ProposeResult.LeaderHint"/> names the leader when known (0 otherwise).</summary>
    NotLeader = 1,

    /// <summary>A leadership transfer is under way; retry after it completes or aborts (thesis §3.10).</summary>
    TransferInProgress = 2,

    /// <summary>A configuration change is appended but not committed yet (one change at a time, thesis §4.1).</summary>
    ConfigChangePending = 3,

    /// <summary>The leader has not committed an entry of its term yet; configuration changes wait for it (thesis §4.1 errata).</summary>
    LeaderNotReady = 4,

    /// <summary>The change does not apply to the current configuration (unknown node, already a member, last voter...).</summary>
    InvalidConfigChange = 5,

    /// <summary>The learner has not caught up with the leader's commit index; promotion would stall commits (thesis §4.2.1).</summary>
    LearnerNotCaughtUp = 6,
}
