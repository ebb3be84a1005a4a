using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// A checker that judges each key on its own (one write kind, one read kind) and stops at the first
/// key that is not valid; a valid verdict summarizes every key.
/// </summary>
internal abstract class PerKeyChecker : IChecker
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The operation that makes a history this checker's (add, sadd, lpush).</summary>
    protected abstract OpKind WriteKind { get; }

    /// <summary>The operation that observes the key (get, smembers, lrange).</summary>
    protected abstract OpKind ReadKind { get; }

    /// <inheritdoc />
    public bool AppliesTo(IReadOnlyList<Operation> history) => history.Any(o => o.Kind == WriteKind);

    /// <inheritdoc />
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var relevant = history.Where(o => o.Kind == WriteKind || o.Kind == ReadKind).ToList();
        var summaries = new List<string>();
        foreach (var key in relevant.GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var finding = CheckKey([.. key]);
            var explanation = $"key \"{key.Key}\": {finding.Explanation}";
            switch (finding.Outcome)
            {
                case VerdictOutcome.Invalid:
                    return Verdict.Invalid(Name, relevant.Count, explanation, [.. finding.Slice.Distinct().OrderBy(o => o.Call)]);
                case VerdictOutcome.Unknown:
                    return Verdict.Unknown(Name, relevant.Count, explanation);
                default:
                    summaries.Add(explanation);
                    break;
            }
        }

        return Verdict.Valid(Name, relevant.Count, string.Join("; ", summaries));
    }

    /// <summary>Judges one key's operations (all of <see cref="WriteKind"/> or <see cref="ReadKind"/>).</summary>
    protected abstract KeyFinding CheckKey(List<Operation> operations);

    /// <summary>What a checker found on one key; the explanation is prefixed with the key.</summary>
    protected readonly record struct KeyFinding(VerdictOutcome Outcome, string Explanation, IEnumerable<Operation> Slice)
    {
        public static KeyFinding Valid(string summary) => new(VerdictOutcome.Valid, summary, []);

        public static KeyFinding Invalid(string explanation, IEnumerable<Operation> slice) => new(VerdictOutcome.Invalid, explanation, slice);

        public static KeyFinding Unknown(string explanation) => new(VerdictOutcome.Unknown, explanation, []);
    }
}
