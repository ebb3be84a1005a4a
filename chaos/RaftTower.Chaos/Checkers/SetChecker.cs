using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// Checks a set workload (sadd + smembers) key by key: no read misses an element that was known to be
/// in the set before the read began (its add was acknowledged, or an earlier read saw it), and no read
/// holds an element that was never attempted by the time the read returned. Indeterminate adds may be
/// present or absent. The final read is the last successful smembers.
/// </summary>
internal sealed class SetChecker : IChecker
{
    /// <inheritdoc />
    public string Name => "set";

    /// <inheritdoc />
    public bool AppliesTo(IReadOnlyList<Operation> history) => history.Any(o => o.Kind == OpKind.SetAdd);

    /// <inheritdoc />
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var relevant = history.Where(o => o.Kind is OpKind.SetAdd or OpKind.SetMembers).ToList();
        var summaries = new List<string>();
        foreach (var key in relevant.GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var operations = key.ToList();
            var reads = operations.Where(o => o.Kind == OpKind.SetMembers && o.IsOk)
                .Select(o => (Op: o, Elements: ElementList.Parse(o.Output).ToHashSet(StringComparer.Ordinal)))
                .OrderBy(r => r.Op.Call)
                .ToList();
            if (reads.Count == 0)
            {
                return Verdict.Unknown(Name, relevant.Count, $"key \"{key.Key}\" has adds but no successful read, so nothing can be said of it");
            }

            var adds = operations.Where(o => o.Kind == OpKind.SetAdd && !o.IsFailed).ToLookup(o => o.Value!, StringComparer.Ordinal);
            var failedAdds = operations.Where(o => o.Kind == OpKind.SetAdd && o.IsFailed).ToLookup(o => o.Value!, StringComparer.Ordinal);
            var known = KnownSince(adds, reads);
            foreach (var (read, elements) in reads)
            {
                var unexpected = elements.FirstOrDefault(e => !adds[e].Any(a => a.Call <= read.Return));
                if (unexpected is not null)
                {
                    var why = failedAdds[unexpected].Any() ? "whose only adds failed" : adds[unexpected].Any() ? "before its add was invoked" : "that was never added";
                    return Verdict.Invalid(Name, relevant.Count, $"key \"{key.Key}\": read {OperationText.Describe(read)} holds \"{unexpected}\", {why}",
                        [.. adds[unexpected].Concat(failedAdds[unexpected]).Append(read).OrderBy(o => o.Call)]);
                }

                var lost = known.Where(k => k.Value.Since < read.Call && !elements.Contains(k.Key)).OrderBy(k => k.Value.Since).ToList();
                if (lost.Count > 0)
                {
                    var (element, (_, witness)) = lost[0];
                    return Verdict.Invalid(Name, relevant.Count,
                        string.Create(CultureInfo.InvariantCulture, $"key \"{key.Key}\": read {OperationText.Describe(read)} misses {lost.Count} element(s) known present before it began, first \"{element}\" (acknowledged or seen by {OperationText.Describe(witness)})"),
                        [.. adds[element].Append(witness).Append(read).Distinct().OrderBy(o => o.Call)]);
                }
            }

            summaries.Add(Summary(key.Key, adds, reads[^1].Elements));
        }

        return Verdict.Valid(Name, relevant.Count, string.Join("; ", summaries));
    }

    // For each element, the earliest time it was certainly in the set, and the operation that showed it.
    private static Dictionary<string, (long Since, Operation Witness)> KnownSince(ILookup<string, Operation> adds, List<(Operation Op, HashSet<string> Elements)> reads)
    {
        var known = new Dictionary<string, (long Since, Operation Witness)>(StringComparer.Ordinal);
        void Learn(string element, Operation witness)
        {
            if (!known.TryGetValue(element, out var current) || witness.Return < current.Since)
            {
                known[element] = (witness.Return!.Value, witness);
            }
        }

        foreach (var group in adds)
        {
            foreach (var add in group.Where(a => a.IsOk))
            {
                Learn(group.Key, add);
            }
        }

        foreach (var (read, elements) in reads)
        {
            foreach (var element in elements)
            {
                Learn(element, read);
            }
        }

        return known;
    }

    private static string Summary(string key, ILookup<string, Operation> adds, HashSet<string> final)
    {
        var acknowledged = adds.Count(g => g.Any(a => a.IsOk));
        var indeterminate = adds.Where(g => !g.Any(a => a.IsOk)).ToList();
        var indeterminatePresent = indeterminate.Count(g => final.Contains(g.Key));
        return string.Create(CultureInfo.InvariantCulture,
            $"key \"{key}\": final read has {final.Count} elements; {acknowledged} acknowledged adds all present; {indeterminatePresent} of {indeterminate.Count} indeterminate adds present");
    }
}
