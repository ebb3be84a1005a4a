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
    /// <remarks>Every key is searched, so the explanation counts all failing keys; only the first failing key is shrunk to a slice.</remarks>
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var registerOps = history.Where(o => o.Kind.IsRegisterOp()).ToList();
        var unknown = new List<string>();
        var failing = new List<(string Key, List<Operation> Prepared, SearchResult Result)>();
        var states = 0L;
        var keys = registerOps.GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var prepared = KeyHistory.Prepare(key);
            var result = WglSearch.Run(prepared, _budget);
            states += result.StatesExplored;
            switch (result.Outcome)
            {
                case SearchOutcome.NotLinearizable:
                    failing.Add((key.Key, prepared, result));
                    break;
                case SearchOutcome.Unknown:
                    unknown.Add($"key \"{key.Key}\" ({prepared.Count} ops): {result.Reason}, {result.LongestPrefix} ops linearized at best");
                    break;
            }
        }

        if (failing.Count > 0)
        {
            return Invalid(registerOps.Count, keys.Count, failing, unknown.Count);
        }

        return unknown.Count > 0
            ? Verdict.Unknown(Name, registerOps.Count, $"no violation found, but the search gave up on {unknown.Count} of {keys.Count} key(s): {string.Join("; ", unknown)}")
            : Verdict.Valid(Name, registerOps.Count, string.Create(CultureInfo.InvariantCulture, $"all {keys.Count} key(s) linearizable ({registerOps.Count} ops, {states} search states)"));
    }

    private Verdict Invalid(int operations, int keys, List<(string Key, List<Operation> Prepared, SearchResult Result)> failing, int unknown)
    {
        var (key, prepared, result) = failing[0];
        var slice = new FailingSliceFinder(_budget, _shrinkTime).Shrink(prepared);
        var explanation = new StringBuilder();
        explanation.Append(CultureInfo.InvariantCulture, $"{failing.Count} of {keys} key(s) not linearizable");
        if (failing.Count > 1)
        {
            explanation.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", failing.Take(10).Select(f => $"\"{f.Key}\""))}{(failing.Count > 10 ? ", ..." : string.Empty)})");
        }

        if (unknown > 0)
        {
            explanation.Append(CultureInfo.InvariantCulture, $", {unknown} undecided within budget");
        }

        explanation.Append(CultureInfo.InvariantCulture, $". Key \"{key}\" ({prepared.Count} ops): ");
        if (result.Stuck is { } stuck)
        {
            explanation.Append(CultureInfo.InvariantCulture, $"the longest partial linearizations cover {result.LongestPrefix} ops and then cannot place {Describe(stuck)}");
            if (result.StatesAtStuck.Count > 0)
            {
                explanation.Append(CultureInfo.InvariantCulture, $" (the value there could be {string.Join(" or ", result.StatesAtStuck.Select(RegisterModel.Show))})");
            }

            explanation.Append(". ");
        }

        explanation.Append(CultureInfo.InvariantCulture, $"Smallest failing slice found: {slice.Count} ops.");
        return Verdict.Invalid(Name, operations, explanation.ToString(), slice);
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
