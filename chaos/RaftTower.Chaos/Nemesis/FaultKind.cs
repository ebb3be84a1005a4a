namespace RaftTower.Chaos.Nemesis;

/// <summary>One concrete fault the schedule holds for a while, then heals.</summary>
internal enum FaultKind
{
    /// <summary>Two random halves (the smaller one a minority).</summary>
    PartitionHalves,

    /// <summary>The leader alone on one side.</summary>
    PartitionIsolateLeader,

    /// <summary>Every node sees a majority, but no two nodes see the same one (Jepsen's majorities ring).</summary>
    PartitionMajorityRing,

    /// <summary>Two sides joined by one bridge node that sees both.</summary>
    PartitionBridge,

    /// <summary>SIGKILL a random node.</summary>
    KillRandom,

    /// <summary>SIGKILL the leader.</summary>
    KillLeader,

    /// <summary>SIGSTOP a random node.</summary>
    PauseRandom,

    /// <summary>SIGSTOP the leader.</summary>
    PauseLeader,
}
