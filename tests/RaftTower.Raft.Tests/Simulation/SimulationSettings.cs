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
}
