namespace RaftTower.Raft.Core;

/// <summary>A single-server membership change (thesis §4.1).</summary>
public enum MembershipChangeKind : byte
{
    /// <summary>The bootstrap configuration of a new cluster (written by every initial member at index 1).</summary>
    Initialize = 0,

    /// <summary>Add a learner: it receives the log but is never counted in quorums and never campaigns.</summary>
    AddLearner = 1,

    /// <summary>Make a caught-up learner a voter.</summary>
    PromoteLearner = 2,

    /// <summary>Remove a voter or learner.</summary>
    Remove = 3,
}
