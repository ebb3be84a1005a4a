using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>A checker's conclusion on a history.</summary>
/// <param name="Checker">The checker's name (linearizability, set, counter, list-append).</param>
/// <param name="Outcome">Valid, invalid or unknown.</param>
/// <param name="Operations">How many operations the checker examined.</param>
/// <param name="Explanation">A human-readable reason; for valid verdicts a short summary.</param>
/// <param name="FailingSlice">The smallest part of the history found that already shows the violation; empty unless invalid.</param>
internal sealed record Verdict(
    string Checker,
    VerdictOutcome Outcome,
    int Operations,
    string Explanation,
    IReadOnlyList<Operation> FailingSlice)
{
    /// <summary>True only for <see cref="VerdictOutcome.Valid"/>: unknown does not pass a run.</summary>
    public bool Passed => Outcome == VerdictOutcome.Valid;

    /// <summary>A passing verdict.</summary>
    public static Verdict Valid(string checker, int operations, string explanation) =>
        new(checker, VerdictOutcome.Valid, operations, explanation, []);

    /// <summary>A failing verdict with its witness.</summary>
    public static Verdict Invalid(string checker, int operations, string explanation, IReadOnlyList<Operation> failingSlice) =>
        new(checker, VerdictOutcome.Invalid, operations, explanation, failingSlice);

    /// <summary>A verdict the checker could not reach.</summary>
    public static Verdict Unknown(string checker, int operations, string explanation) =>
        new(checker, VerdictOutcome.Unknown, operations, explanation, []);
}
