using System.Diagnostics;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Wing and Gong's linearizability search with Lowe's memoization, in the shape of Porcupine's
/// implementation: call and return events sit in one doubly linked list ordered by time; the search
/// repeatedly linearizes the first call that the model accepts (lifting its call and return out of the
/// list) and backtracks when it meets a return whose call could not be linearized yet.
/// </summary>
/// <remarks>
/// Indeterminate operations (return = null) get a return event at +infinity and are optional: the
/// search succeeds once every determinate operation is linearized, so an indeterminate operation takes
/// effect at some point after its call or never (Jepsen's :info). Events at equal timestamps order calls
/// before returns, so touching intervals count as concurrent (the lenient reading of a coarse clock).
/// </remarks>
internal sealed class WglSearch
{
    private const int Head = -2;
    private const int End = -1;

    private readonly Operation[] _operations;
    private readonly RegisterOp[] _ops;
    private readonly bool[] _required;
    private readonly int _requiredCount;
    private readonly int[] _next;
    private readonly int[] _prev;
    private int _first;

    private WglSearch(IReadOnlyList<Operation> operations)
    {
        _operations = [.. operations.OrderBy(o => o.Call)];
        var n = _operations.Length;
        _ops = new RegisterOp[n];
        _required = new bool[n];
        for (var i = 0; i < n; i++)
        {
            _ops[i] = RegisterOp.From(_operations[i]);
            _required[i] = !_operations[i].IsIndeterminate;
            _requiredCount += _required[i] ? 1 : 0;
        }

        // Entry 2i is the call of operation i, entry 2i+1 its return.
        var entries = Enumerable.Range(0, 2 * n)
            .OrderBy(e => EventTime(e))
            .ThenBy(e => e & 1)
            .ThenBy(e => e >> 1)
            .ToArray();
        _next = new int[2 * n];
        _prev = new int[2 * n];
        _first = entries.Length == 0 ? End : entries[0];
        for (var i = 0; i < entries.Length; i++)
        {
            _prev[entries[i]] = i == 0 ? Head : entries[i - 1];
            _next[entries[i]] = i == entries.Length - 1 ? End : entries[i + 1];
        }
    }

    /// <summary>Searches for a linearization of one key's operations (already stripped of operations that certainly did nothing).</summary>
    public static SearchResult Run(IReadOnlyList<Operation> operations, SearchBudget budget) =>
        new WglSearch(operations).Search(budget);

    private long EventTime(int entry) =>
        (entry & 1) == 0 ? _operations[entry >> 1].Call : _operations[entry >> 1].Return ?? long.MaxValue;

    private SearchResult Search(SearchBudget budget)
    {
        var n = _operations.Length;
        var cache = new SearchCache();
        var linearized = new LinearizedSet(n);
        var stackEntries = new int[n];
        var stackStates = new string?[n];
        var depth = 0;
        var requiredDone = 0;
        var progress = new StuckTracker();
        string? state = null;
        var clock = Stopwatch.StartNew();
        long steps = 0;
        var entry = _first;

        while (requiredDone < _requiredCount)
        {
            if (++steps % 4096 == 0 && clock.Elapsed > budget.MaxTime)
            {
                return Unknown(cache, progress, $"time budget of {budget.MaxTime.TotalSeconds:0.#} s exhausted after {cache.Count} states");
            }

            if (entry != End && (entry & 1) == 0)
            {
                var op = entry >> 1;
                if (RegisterModel.TryStep(state, _ops[op], out var nextState))
                {
                    linearized.Add(op);
                    if (cache.TryAdd(linearized, nextState))
                    {
                        if (cache.Count > budget.MaxStates)
                        {
                            return Unknown(cache, progress, $"state budget of {budget.MaxStates} exhausted");
                        }

                        if (cache.StateChars > budget.MaxStateChars)
                        {
                            return Unknown(cache, progress, $"state memory budget of {budget.MaxStateChars} characters exhausted after {cache.Count} states (rotate keys more often)");
                        }

                        stackEntries[depth] = entry;
                        stackStates[depth] = state;
                        depth++;
                        requiredDone += _required[op] ? 1 : 0;
                        state = nextState;
                        Lift(entry);
                        entry = _first;
                        continue;
                    }

                    linearized.Remove(op);
                }

                entry = _next[entry];
                continue;
            }

            // A return (or the end): the operation it closes was never linearized on this path; backtrack.
            progress.Observe(requiredDone, entry == End ? null : _operations[entry >> 1], state);
            if (depth == 0)
            {
                return new SearchResult(SearchOutcome.NotLinearizable, cache.Count, progress.Best, progress.Stuck, progress.States, null);
            }

            depth--;
            var undone = stackEntries[depth];
            state = stackStates[depth];
            linearized.Remove(undone >> 1);
            requiredDone -= _required[undone >> 1] ? 1 : 0;
            Unlift(undone);
            entry = _next[undone];
        }

        return new SearchResult(SearchOutcome.Linearizable, cache.Count, _requiredCount, null, [], null);
    }

    private static SearchResult Unknown(SearchCache cache, StuckTracker progress, string reason) =>
        new(SearchOutcome.Unknown, cache.Count, progress.Best, null, [], reason);

    // Removes a call and its return from the list (the call precedes its return).
    private void Lift(int call)
    {
        Unlink(call);
        Unlink(call + 1);
    }

    // Restores what Lift removed, in reverse order so every neighbour pointer is the one Lift saw.
    private void Unlift(int call)
    {
        Relink(call + 1);
        Relink(call);
    }

    private void Unlink(int entry)
    {
        var prev = _prev[entry];
        var next = _next[entry];
        if (prev == Head)
        {
            _first = next;
        }
        else
        {
            _next[prev] = next;
        }

        if (next != End)
        {
            _prev[next] = prev;
        }
    }

    private void Relink(int entry)
    {
        var prev = _prev[entry];
        var next = _next[entry];
        if (prev == Head)
        {
            _first = entry;
        }
        else
        {
            _next[prev] = entry;
        }

        if (next != End)
        {
            _prev[next] = entry;
        }
    }
}
