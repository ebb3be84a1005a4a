namespace RaftTower.Raft.Tests.Simulation;

/// <summary>What one simulated run does; probabilities are per step (or per message for the network ones).</summary>
public sealed record SimulationSettings
{
    public int Nodes { get; init; } = 3;

    public int Steps { get; init; } = 2_000;

    /// <summary>Steps of the final fault-free phase in which a leader must be elected and commit.</summary>
    public int LivenessSteps { get; init; } = 400;

    public double MessageLoss { get; init; } = 0.05;

    public double MessageDuplication { get; init; } = 0.02;

    /// <summary>Messages are delivered after 0 to this many steps (reordering comes from the spread).</summary>
    public int MaxDelay { get; init; } = 3;

    public double TickSkip { get; init; } = 0.05;

    public double Propose { get; init; } = 0.3;

    public double Read { get; init; } = 0.1;

    public double Transfer { get; init; } = 0.004;

    public double MembershipChange { get; init; } = 0.01;

    public double Crash { get; init; } = 0.004;

    public double CrashBeforeSync { get; init; } = 0.002;

    public double Restart { get; init; } = 0.05;

    public double Partition { get; init; } = 0.004;

    public double Heal { get; init; } = 0.02;

    public double Snapshot { get; init; } = 0.01;

    /// <summary>Targeted nemesis: crash a node right after it granted a vote (tests that votes are durable).</summary>
    public double CrashAfterVote { get; init; } = 0.05;

    /// <summary>Targeted nemesis: crash a new leader right after its first appends (the Figure 8 pattern).</summary>
    public double CrashNewLeader { get; init; } = 0.05;

    /// <summary>Most entry bytes per append: small values split a leader's catch-up into many messages.</summary>
    public long MaxBytesPerAppend { get; init; } = 1 << 20;

    /// <summary>
    /// Swarm testing: each seed draws its own fault mix, so some runs are calm, some brutal, some crash-heavy.
    /// </summary>
    public static SimulationSettings ForSeed(ulong seed, int? nodes = null, int steps = 2_000)
    {
        var random = new RaftTower.Raft.Core.SeededRaftRandom(seed ^ 0x5EEDUL);
        double Of(params double[] choices) => choices[random.NextInt(choices.Length)];
        return new SimulationSettings
        {
            Nodes = nodes ?? (seed % 2 == 0 ? 3 : 5),
            Steps = steps,
            MessageLoss = Of(0, 0.05, 0.2),
            MessageDuplication = Of(0, 0.02, 0.1),
            MaxDelay = (int)Of(0, 3, 8),
            Crash = Of(0.002, 0.01, 0.03),
            CrashBeforeSync = Of(0, 0.002, 0.01),
            Restart = Of(0.05, 0.3),
            Partition = Of(0, 0.004, 0.02),
            Transfer = Of(0, 0.004, 0.02),
            MembershipChange = Of(0, 0.01, 0.03),
            Snapshot = Of(0.002, 0.01, 0.05),
            CrashAfterVote = Of(0, 0.05, 0.3),
            CrashNewLeader = Of(0, 0.05, 0.3),
            MaxBytesPerAppend = (long)Of(80, 300, 1 << 20),
        };
    }
}
