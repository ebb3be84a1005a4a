using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>Prepares one key's operations for the register model and cuts them at a point in time.</summary>
internal static class KeyHistory
{
    /// <summary>
    /// Drops what constrains nothing: operations that completed with ok=false certainly did not happen
    /// (except a failed cas, which observed a value different from its expected one), and an
    /// indeterminate read observed nothing.
    /// </summary>
    public static List<Operation> Prepare(IEnumerable<Operation> operations) =>
        [.. operations.Where(o => !IsNoOp(o)).OrderBy(o => o.Call)];

    /// <summary>True for operations that read without changing anything: a completed get, a failed cas.</summary>
    public static bool IsObservation(Operation operation) =>
        !operation.IsIndeterminate && (operation.Kind == OpKind.Get || (operation.Kind == OpKind.Cas && operation.IsFailed));

    /// <summary>
    /// The history as it stood at time <paramref name="at"/>: operations called later are gone, operations
    /// still in flight become indeterminate (a read in flight observed nothing and is dropped).
    /// </summary>
    /// <remarks>
    /// Sound for shrinking: a linearization of the whole history, restricted to the linearization points
    /// before <paramref name="at"/>, linearizes the cut. So a cut that is not linearizable proves the whole
    /// history is not, and a later cut of a failing cut fails too (the search for the earliest one may bisect).
    /// </remarks>
    public static List<Operation> Cut(IReadOnlyList<Operation> operations, long at)
    {
        var cut = new List<Operation>();
        foreach (var operation in operations)
        {
            if (operation.Call > at)
            {
                continue;
            }

            if (operation.Return <= at)
            {
                cut.Add(operation);
            }
            else if (!IsObservation(operation))
            {
                cut.Add(operation.IsIndeterminate ? operation : operation.AsIndeterminate());
            }
        }

        return cut;
    }

    private static bool IsNoOp(Operation operation) =>
        (operation.IsIndeterminate && operation.Kind == OpKind.Get) ||
        (operation.IsFailed && operation.Kind != OpKind.Cas);
}
