namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>How much one key's search may spend before it answers "unknown" instead of hanging.</summary>
/// <param name="MaxStates">Distinct (linearized set, state) pairs explored.</param>
/// <param name="MaxTime">Wall time.</param>
/// <param name="MaxStateChars">
/// Characters of the distinct model states cached: appends make every state a longer string, so memory,
/// not the state count, is what runs out first on a long append history.
/// </param>
internal sealed record SearchBudget(int MaxStates, TimeSpan MaxTime, long MaxStateChars = 64L << 20)
{
    /// <summary>A million states, 20 seconds or 64 Mi characters of state per key: plenty for thousands of operations at low concurrency.</summary>
    public static SearchBudget Default { get; } = new(1_000_000, TimeSpan.FromSeconds(20));
}
