namespace RaftTower.Raft.Tests.Simulation;

/// <summary>A broken invariant (or a crash of the core) found by the simulator, with what is needed to replay it.</summary>
public sealed class SimulationFailureException(ulong seed, int nodes, int step, string message, Exception? inner = null)
    : Exception($"seed {seed} ({nodes} nodes), step {step}: {message}", inner)
{
    public ulong Seed { get; } = seed;

    public int Nodes { get; } = nodes;

    public int Step { get; } = step;

    /// <summary>The one-line command that replays this failure.</summary>
    public string ReplayCommand =>
        $"RAFTTOWER_SIM_SEED={Seed} RAFTTOWER_SIM_NODES={Nodes} dotnet test tests/RaftTower.Raft.Tests -c Release --filter FullyQualifiedName~Replay";
}
