using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// Checks a set workload (sadd + smembers) key by key: no read misses an element that was known to be
/// in the set before the read began (its add was acknowledged, or an earlier read saw it), and no read
/// holds an element that was never attempted by the time the read returned. Indeterminate adds may be
/// present or absent. The final read is the last successful smembers.
/// </summary>
internal sealed class SetChecker : PerKeyChecker
{
    /// <inheritdoc />
    public override string Name => "set";

    /// <inheritdoc />
    protected override OpKind WriteKind => OpKind.SetAdd;

    /// <inheritdoc />
    protected override OpKind ReadKind => OpKind.SetMembers;

    /// <inheritdoc />
    protected override KeyFinding CheckKey(List<Operation> operations)
    {
        var reads = operations.Where(o => o.Kind == OpKind.SetMembers && o.IsOk)
            .Select(o => (Op: o, Elements: ElementList.Parse(o.Output).ToHashSet(StringComparer.Ordinal)))
            .OrderBy(r => r.Op.Call)
            .ToList();
        if (reads.Count == 0)
        {
            return KeyFinding.Unknown("adds but no successful read, so nothing can be said of it");
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
                return KeyFinding.Invalid($"read {OperationText.Describe(read)} holds \"{unexpected}\", {why}", adds[unexpected].Concat(failedAdds[unexpected]).Append(read));
            }

            var lost = known.Where(k => k.Value.Since < read.Call && !elements.Contains(k.Key)).OrderBy(k => k.Value.Since).ToList();
            if (lost.Count > 0)
            {
                var (element, (_, witness)) = lost[0];
                return KeyFinding.Invalid(
                    string.Create(CultureInfo.InvariantCulture, $"read {OperationText.Describe(read)} misses {lost.Count} element(s) known present before it began, first \"{element}\" (acknowledged or seen by {OperationText.Describe(witness)})"),
                    adds[element].Append(witness).Append(read));
            }
        }

        return KeyFinding.Valid(Summary(adds, reads[^1].Elements));
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

    private static string Summary(ILookup<string, Operation> adds, HashSet<string> final)
    {
        var acknowledged = adds.Count(g => g.Any(a => a.IsOk));
        var indeterminate = adds.Where(g => !g.Any(a => a.IsOk)).ToList();
        var indeterminatePresent = indeterminate.Count(g => final.Contains(g.Key));
        return string.Create(CultureInfo.InvariantCulture,
            $"final read has {final.Count} elements; {acknowledged} acknowledged adds all present; {indeterminatePresent} of {indeterminate.Count} indeterminate adds present");
    }
}
