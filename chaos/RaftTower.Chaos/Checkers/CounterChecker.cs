using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// Jepsen's counter checker with signed deltas: every value read (a get, or the result an add
/// reported) lies within what the adds could have made it at that time. Adds acknowledged before the
/// read began certainly count; adds concurrent with it, or indeterminate, may or may not count, so
/// each can only lower the bound by its negative part and raise it by its positive part.
/// </summary>
internal sealed class CounterChecker : IChecker
{
    private const int MaxSliceAdds = 50;

    /// <inheritdoc />
    public string Name => "counter";

    /// <inheritdoc />
    public bool AppliesTo(IReadOnlyList<Operation> history) => history.Any(o => o.Kind == OpKind.Add);

    /// <inheritdoc />
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var relevant = history.Where(o => o.Kind is OpKind.Add or OpKind.Get).ToList();
        var summaries = new List<string>();
        foreach (var key in relevant.GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var bounds = new CounterBounds([.. key]);
            foreach (var read in key.Where(IsObservation).OrderBy(o => o.Call))
            {
                var (lower, upper) = bounds.At(read);
                var observed = ReadValue(read);
                if (observed < lower || observed > upper)
                {
                    var explanation = string.Create(CultureInfo.InvariantCulture,
                        $"key \"{key.Key}\": {OperationText.Describe(read)} read {observed}, but the adds allow only [{lower}, {upper}] at that time");
                    return Verdict.Invalid(Name, relevant.Count, explanation, [.. bounds.Concurrent(read).Take(MaxSliceAdds).Append(read).OrderBy(o => o.Call)]);
                }
            }

            summaries.Add(Summary(key.Key, [.. key], bounds));
        }

        return Verdict.Valid(Name, relevant.Count, string.Join("; ", summaries));
    }

    private static string Summary(string key, List<Operation> operations, CounterBounds bounds)
    {
        var final = operations.Where(o => o.Kind == OpKind.Get && o.IsOk).MaxBy(o => o.Call);
        var (lower, upper) = bounds.Final();
        return final is null
            ? string.Create(CultureInfo.InvariantCulture, $"key \"{key}\": every read within bounds; no final read (possible final value [{lower}, {upper}])")
            : string.Create(CultureInfo.InvariantCulture, $"key \"{key}\": every read within bounds; final read {ReadValue(final)} in [{lower}, {upper}]");
    }

    private static bool IsObservation(Operation operation) =>
        operation.IsOk && (operation.Kind == OpKind.Get || operation.Output is not null);

    private static Int128 ReadValue(Operation read) =>
        read.Output is null ? 0 : long.Parse(read.Output, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
