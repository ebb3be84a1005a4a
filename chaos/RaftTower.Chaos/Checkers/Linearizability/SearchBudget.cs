namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>How much one key's search may spend before it answers "unknown" instead of hanging.</summary>
/// <param name="MaxStates">Distinct (linearized set, state) pairs explored.</param>
/// <param name="MaxTime">Wall time.</param>
internal sealed record SearchBudget(int MaxStates, TimeSpan MaxTime)
{
    /// <summary>A million states or 20 seconds per key: plenty for thousands of operations at low concurrency.</summary>
    public static SearchBudget Default { get; } = new(1_000_000, TimeSpan.FromSeconds(20));
}
