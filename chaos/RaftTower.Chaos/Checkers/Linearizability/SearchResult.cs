using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>What one key's WGL search found.</summary>
/// <param name="Outcome">Linearizable, not linearizable, or out of budget.</param>
/// <param name="StatesExplored">Distinct cache entries visited.</param>
/// <param name="LongestPrefix">The most determinate operations any partial linearization covered.</param>
/// <param name="Stuck">When not linearizable: the operation that had to be linearized next and never could be.</param>
/// <param name="StatesAtStuck">A few model states the longest partial linearizations reached before <paramref name="Stuck"/>.</param>
/// <param name="Reason">Why the budget ran out, for unknown outcomes.</param>
internal sealed record SearchResult(
    SearchOutcome Outcome,
    int StatesExplored,
    int LongestPrefix,
    Operation? Stuck,
    IReadOnlyList<string?> StatesAtStuck,
    string? Reason);
