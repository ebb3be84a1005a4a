using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// Jepsen's counter checker with signed deltas: every value read (a get, or the result an add
/// reported) lies within what the adds could have made it at that time. Adds acknowledged before the
/// read began certainly count; adds concurrent with it, or indeterminate, may or may not count, so
/// each can only lower the bound by its negative part and raise it by its positive part.
/// </summary>
internal sealed class CounterChecker : PerKeyChecker
{
    private const int MaxSliceAdds = 50;

    /// <inheritdoc />
    public override string Name => "counter";

    /// <inheritdoc />
    protected override OpKind WriteKind => OpKind.Add;

    /// <inheritdoc />
    protected override OpKind ReadKind => OpKind.Get;

    /// <inheritdoc />
    protected override KeyFinding CheckKey(List<Operation> operations)
    {
        var bounds = new CounterBounds(operations);
        foreach (var read in operations.Where(IsObservation).OrderBy(o => o.Call))
        {
            var (lower, upper) = bounds.At(read);
            if (ReadValue(read) is not { } observed)
            {
                return KeyFinding.Invalid($"{OperationText.Describe(read)} read \"{read.Output}\", which is not an integer", [read]);
            }

            if (observed < lower || observed > upper)
            {
                return KeyFinding.Invalid(
                    string.Create(CultureInfo.InvariantCulture, $"{OperationText.Describe(read)} read {observed}, but the adds allow only [{lower}, {upper}] at that time"),
                    bounds.Concurrent(read).Take(MaxSliceAdds).Append(read));
            }
        }

        var final = operations.Where(o => o.Kind == OpKind.Get && o.IsOk).MaxBy(o => o.Call);
        var (low, high) = bounds.Final();
        return KeyFinding.Valid(final is null
            ? string.Create(CultureInfo.InvariantCulture, $"every read within bounds; no final read (possible final value [{low}, {high}])")
            : string.Create(CultureInfo.InvariantCulture, $"every read within bounds; final read {ReadValue(final)} in [{low}, {high}]"));
    }

    private static bool IsObservation(Operation operation) =>
        operation.IsOk && (operation.Kind == OpKind.Get || operation.Output is not null);

    // Absent reads as 0, like the model's add; null for a value that is not a decimal int64.
    private static Int128? ReadValue(Operation read) =>
        read.Output is null ? 0
        : long.TryParse(read.Output, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : null;
}
