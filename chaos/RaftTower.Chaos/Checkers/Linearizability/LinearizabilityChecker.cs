using System.Globalization;
using System.Text;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Checks that every key's register operations (get, put, append, cas, add, delete) are linearizable,
/// key by key: linearizability is compositional (Herlihy and Wing), so a history is linearizable iff
/// each key's sub-history is, and the search cost stays per key.
/// </summary>
internal sealed class LinearizabilityChecker(SearchBudget? budget = null, TimeSpan? shrinkTime = null) : IChecker
{
    private readonly SearchBudget _budget = budget ?? SearchBudget.Default;
    private readonly TimeSpan _shrinkTime = shrinkTime ?? TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Name => "linearizability";

    /// <inheritdoc />
    public bool AppliesTo(IReadOnlyList<Operation> history) => history.Any(o => o.Kind.IsRegisterOp());

    /// <inheritdoc />
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var keys = history.Where(o => o.Kind.IsRegisterOp()).GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        var total = 0;
        var unknown = new List<string>();
        var states = 0L;
        foreach (var key in keys)
        {
            var prepared = KeyHistory.Prepare(key);
            total += key.Count();
            var result = WglSearch.Run(prepared, _budget);
            states += result.StatesExplored;
            switch (result.Outcome)
            {
                case SearchOutcome.NotLinearizable:
                    return Invalid(key.Key, history, prepared, result);
                case SearchOutcome.Unknown:
                    unknown.Add($"key \"{key.Key}\" ({prepared.Count} ops): {result.Reason}, {result.LongestPrefix} ops linearized at best");
                    break;
            }
        }

        var operations = history.Count(o => o.Kind.IsRegisterOp());
        return unknown.Count > 0
            ? Verdict.Unknown(Name, operations, $"no violation found, but the search gave up on {unknown.Count} key(s): {string.Join("; ", unknown)}")
            : Verdict.Valid(Name, operations, string.Create(CultureInfo.InvariantCulture, $"every key linearizable ({total} ops, {states} search states)"));
    }

    private Verdict Invalid(string key, IReadOnlyList<Operation> history, List<Operation> prepared, SearchResult result)
    {
        var slice = new FailingSliceFinder(_budget, _shrinkTime).Shrink(prepared);
        var explanation = new StringBuilder();
        explanation.Append(CultureInfo.InvariantCulture, $"key \"{key}\" is not linearizable ({prepared.Count} ops). ");
        if (result.Stuck is { } stuck)
        {
            explanation.Append(CultureInfo.InvariantCulture, $"The longest partial linearizations cover {result.LongestPrefix} ops and then cannot place {Describe(stuck)}");
            if (result.StatesAtStuck.Count > 0)
            {
                explanation.Append(CultureInfo.InvariantCulture, $" (the value there could be {string.Join(" or ", result.StatesAtStuck.Select(RegisterModel.Show))})");
            }

            explanation.Append(". ");
        }

        explanation.Append(CultureInfo.InvariantCulture, $"Smallest failing slice found: {slice.Count} ops.");
        return Verdict.Invalid(Name, history.Count(o => o.Kind.IsRegisterOp()), explanation.ToString(), slice);
    }

    /// <summary>One line naming an operation and what it saw or did.</summary>
    public static string Describe(Operation operation)
    {
        var what = operation.Kind switch
        {
            OpKind.Get => $"get → {RegisterModel.Show(operation.Output)}",
            OpKind.Cas => $"cas {RegisterModel.Show(operation.Expected)} → {RegisterModel.Show(operation.Value)} ({(operation.IsFailed ? "failed" : operation.IsOk ? "ok" : "indeterminate")})",
            OpKind.Add when operation.Output is not null => $"add {operation.Value} → {operation.Output}",
            OpKind.Delete => "delete",
            _ => $"{operation.Op} {RegisterModel.Show(operation.Value)}",
        };
        return $"{what}: {OperationText.Describe(operation)}";
    }
}
