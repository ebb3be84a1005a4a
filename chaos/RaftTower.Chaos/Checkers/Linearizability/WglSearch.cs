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
/// effect at some point after its call or never (Jepsen's :info). An indeterminate operation placed
/// right before a put or delete would be overwritten unseen, so the search never places one there:
/// dropping it from any linearization that does gives another valid one, and this keeps a pile of
/// timed-out writes from being tried in every order. Events at equal timestamps order calls
/// before returns, so touching intervals count as concurrent (the lenient reading of a coarse clock).
/// </remarks>
internal sealed class WglSearch
{
    private const int Head = -2;
    private const int End = -1;

    private readonly Operation[] _operations;
    private readonly RegisterOp[] _ops;
    private readonly bool[] _required;
    private readonly int[] _slot;
    private readonly int _requiredCount;
    private readonly int _optionalCount;
    private readonly bool _determinateFirst;
    private readonly int[] _next;
    private readonly int[] _prev;
    private int _first;

    private WglSearch(IReadOnlyList<Operation> operations, bool determinateFirst)
    {
        _determinateFirst = determinateFirst;
        _operations = [.. operations.OrderBy(o => o.Call)];
        var n = _operations.Length;
        _ops = new RegisterOp[n];
        _required = new bool[n];
        _slot = new int[n];
        for (var i = 0; i < n; i++)
        {
            _ops[i] = RegisterOp.From(_operations[i]);
            _required[i] = !_operations[i].IsIndeterminate;
            _slot[i] = _required[i] ? _requiredCount++ : _optionalCount++;
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
    /// <remarks>
    /// Two complete search orders run as a portfolio. The first tries candidates in time order, so timed-out
    /// writes take effect as early as possible: that is what usually happened, and it finds the
    /// linearization of a correct history fast. If a quarter of the budget does not settle it, the search
    /// restarts trying determinate candidates before indeterminate ones, so that states are first reached
    /// spending as few optional operations as possible and the cache's dominance prunes the rest: what
    /// proves a failing history with many timed-out operations.
    /// </remarks>
    public static SearchResult Run(IReadOnlyList<Operation> operations, SearchBudget budget)
    {
        var first = new WglSearch(operations, determinateFirst: false)
            .Search(budget with { MaxStates = budget.MaxStates / 4, MaxTime = budget.MaxTime / 4 }, budget);
        if (first.Outcome != SearchOutcome.Unknown)
        {
            return first;
        }

        var second = new WglSearch(operations, determinateFirst: true)
            .Search(budget with { MaxStates = budget.MaxStates - first.StatesExplored, MaxTime = budget.MaxTime * 3 / 4 }, budget);
        return second with { StatesExplored = first.StatesExplored + second.StatesExplored, LongestPrefix = Math.Max(first.LongestPrefix, second.LongestPrefix) };
    }

    /// <summary>One search order alone, for tests that hold both orders to the same answers.</summary>
    internal static SearchResult RunInOrder(IReadOnlyList<Operation> operations, SearchBudget budget, bool determinateFirst) =>
        new WglSearch(operations, determinateFirst).Search(budget, budget);

    private long EventTime(int entry) =>
        (entry & 1) == 0 ? _operations[entry >> 1].Call : _operations[entry >> 1].Return ?? long.MaxValue;

    // Searches within the given limits; explanations quote the caller's whole budget.
    private SearchResult Search(SearchBudget limits, SearchBudget budget)
    {
        var n = _operations.Length;
        var cache = new SearchCache();
        var linearized = new LinearizedSet(_requiredCount);
        // One bit per indeterminate operation, plus one (AfterOptional) for "the last operation placed was indeterminate".
        var optional = new ulong[(_optionalCount + 64) / 64];
        var stackEntries = new int[n];
        var stackStates = new string?[n];
        var stackAfterOptional = new bool[n];
        var depth = 0;
        var requiredDone = 0;
        var progress = new StuckTracker();
        string? state = null;
        var clock = Stopwatch.StartNew();
        long steps = 0;
        var entry = _first;
        var optionalPass = false;

        while (requiredDone < _requiredCount)
        {
            if (++steps % 4096 == 0 && clock.Elapsed > limits.MaxTime)
            {
                return Unknown(cache, progress, $"time budget of {budget.MaxTime.TotalSeconds:0.#} s exhausted after {cache.Count} states");
            }

            if (entry != End && (entry & 1) == 0)
            {
                var op = entry >> 1;
                var afterOptional = IsSet(optional, _optionalCount);
                if ((!_determinateFirst || _required[op] != optionalPass) && !(afterOptional && _ops[op].Kind is OpKind.Put or OpKind.Delete) && RegisterModel.TryStep(state, _ops[op], out var nextState))
                {
                    Mark(op, linearized, optional, add: true);
                    SetBit(optional, _optionalCount, !_required[op]);
                    if (cache.TryAdd(linearized, optional, nextState))
                    {
                        if (cache.Count > limits.MaxStates)
                        {
                            return Unknown(cache, progress, $"state budget of {budget.MaxStates} exhausted");
                        }

                        if (cache.StateChars > limits.MaxStateChars)
                        {
                            return Unknown(cache, progress, $"state memory budget of {budget.MaxStateChars} characters exhausted after {cache.Count} states (rotate keys more often)");
                        }

                        stackEntries[depth] = entry;
                        stackStates[depth] = state;
                        stackAfterOptional[depth] = afterOptional;
                        depth++;
                        requiredDone += _required[op] ? 1 : 0;
                        state = nextState;
                        Lift(entry);
                        entry = _first;
                        optionalPass = false;
                        continue;
                    }

                    Mark(op, linearized, optional, add: false);
                    SetBit(optional, _optionalCount, afterOptional);
                }

                entry = _next[entry];
                continue;
            }

            // The first return closes the window of candidates; determinate-first tries the indeterminate
            // ones in a second pass over the same window.
            if (_determinateFirst && !optionalPass && _optionalCount > 0)
            {
                optionalPass = true;
                entry = _first;
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
            Mark(undone >> 1, linearized, optional, add: false);
            SetBit(optional, _optionalCount, stackAfterOptional[depth]);
            requiredDone -= _required[undone >> 1] ? 1 : 0;
            Unlift(undone);
            entry = _next[undone];
            optionalPass = _determinateFirst && !_required[undone >> 1];
        }

        return new SearchResult(SearchOutcome.Linearizable, cache.Count, _requiredCount, null, [], null);
    }

    private static SearchResult Unknown(SearchCache cache, StuckTracker progress, string reason) =>
        new(SearchOutcome.Unknown, cache.Count, progress.Best, null, [], reason);

    // Determinate operations go in the hashed set; indeterminate ones in a plain bitset that the
    // cache compares by inclusion (fewer optional operations used dominates more).
    private void Mark(int op, LinearizedSet linearized, ulong[] optional, bool add)
    {
        var slot = _slot[op];
        if (_required[op])
        {
            if (add)
            {
                linearized.Add(slot);
            }
            else
            {
                linearized.Remove(slot);
            }
        }
        else
        {
            optional[slot >> 6] ^= 1UL << slot;
        }
    }

    private static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;

    private static void SetBit(ulong[] bits, int index, bool value)
    {
        if (value)
        {
            bits[index >> 6] |= 1UL << index;
        }
        else
        {
            bits[index >> 6] &= ~(1UL << index);
        }
    }

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
