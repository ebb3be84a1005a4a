using RaftTower.Chaos.Checkers.Linearizability;

namespace RaftTower.Chaos.Checkers;

/// <summary>Which checkers judge each workload's history.</summary>
internal static class Workloads
{
    /// <summary>The workload names the harness knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["register", "counter", "set", "append"];

    /// <summary>
    /// The checkers of a workload, or null for an unknown name. "append" covers both list-append
    /// (lpush/lrange) and string append (append/get, judged for linearizability).
    /// </summary>
    public static IReadOnlyList<IChecker>? CheckersFor(string workload, SearchBudget? budget = null) => workload switch
    {
        "register" => [new LinearizabilityChecker(budget)],
        "counter" => [new CounterChecker()],
        "set" => [new SetChecker()],
        "append" => [new ListAppendChecker(), new LinearizabilityChecker(budget)],
        _ => null,
    };
}
