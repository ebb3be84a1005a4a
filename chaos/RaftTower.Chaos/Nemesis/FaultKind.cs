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

    /// <summary>SIGKILL every node at once; all restarted at the heal (every unsynced write lost everywhere).</summary>
    KillAll,

    /// <summary>SIGSTOP a random node.</summary>
    PauseRandom,

    /// <summary>SIGSTOP the leader.</summary>
    PauseLeader,

    /// <summary>SIGSTOP every node at once (the whole cluster frozen, clocks running on); SIGCONT all at the heal.</summary>
    PauseAll,

    /// <summary>Remove a random node from the configuration and wipe it; add it back (empty) as a voter at the heal.</summary>
    MemberRandom,

    /// <summary>The same with the leader (it steps down once its removal commits).</summary>
    MemberLeader,
}
