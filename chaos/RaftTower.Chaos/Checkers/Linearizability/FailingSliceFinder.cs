using System.Diagnostics;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Shrinks one key's non-linearizable history to a small slice that still fails, using only
/// reductions that keep the slice a proof against the whole history:
/// the earliest failing cut (bisection on return times), then the window after the last blind write
/// that overlapped nothing (its value is the state whatever came before), then reads dropped
/// ddmin-style while the slice still fails. All within a time budget; on timeout the best slice so far.
/// </summary>
internal sealed class FailingSliceFinder(SearchBudget searchBudget, TimeSpan timeBudget)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Returns the smallest failing slice found (the prepared history itself if nothing smaller fails).</summary>
    public IReadOnlyList<Operation> Shrink(IReadOnlyList<Operation> prepared)
    {
        var slice = EarliestFailingCut(prepared);
        slice = AfterLastQuiescentBlindWrite(slice);
        return WithoutUnneededReads(slice);
    }

    private bool OutOfTime => _clock.Elapsed > timeBudget;

    // Each trial gets at most the time left, so shrinking stays within its own budget; a trial that
    // runs out counts as "does not fail", which only keeps the slice larger.
    private bool Fails(IReadOnlyList<Operation> operations) => Search(operations)?.Outcome == SearchOutcome.NotLinearizable;

    private SearchResult? Search(IReadOnlyList<Operation> operations)
    {
        var left = timeBudget - _clock.Elapsed;
        return left <= TimeSpan.Zero ? null : WglSearch.Run(operations, searchBudget with { MaxTime = left < searchBudget.MaxTime ? left : searchBudget.MaxTime });
    }

    private List<Operation> EarliestFailingCut(IReadOnlyList<Operation> prepared)
    {
        var returns = prepared.Where(o => o.Return is not null).Select(o => o.Return!.Value).Distinct().Order().ToArray();
        var best = prepared.ToList();
        int low = 0, high = returns.Length - 1;
        while (low <= high && !OutOfTime)
        {
            var middle = low + ((high - low) / 2);
            var cut = KeyHistory.Cut(prepared, returns[middle]);
            if (Fails(cut))
            {
                best = cut;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return best;
    }

    // A put or delete that completed and overlapped no other operation fixes the state: if the slice
    // from it on were linearizable, the (linearizable, earlier) cut before it would extend to a
    // linearization of the whole slice. So everything that returned before it can go.
    private static List<Operation> AfterLastQuiescentBlindWrite(List<Operation> slice)
    {
        for (var i = slice.Count - 1; i >= 0; i--)
        {
            var write = slice[i];
            if (write.IsOk && write.Kind is OpKind.Put or OpKind.Delete && OverlapsNothing(slice, write))
            {
                return [.. slice.Where(o => o.Call >= write.Call)];
            }
        }

        return slice;
    }

    private static bool OverlapsNothing(List<Operation> slice, Operation write) =>
        slice.All(o => ReferenceEquals(o, write) || o.Return < write.Call || o.Call > write.Return);

    private List<Operation> WithoutUnneededReads(List<Operation> slice)
    {
        // Dropping a read keeps the proof: reads change no state, so any linearization of the
        // full slice is one of the slice without them.
        // Usually one read is the culprit: the one the deepest partial linearizations could not place.
        if (Search(slice)?.Stuck is { } stuck && KeyHistory.IsObservation(stuck))
        {
            var onlyStuck = slice.Where(o => ReferenceEquals(o, stuck) || !KeyHistory.IsObservation(o)).ToList();
            if (Fails(onlyStuck))
            {
                return onlyStuck;
            }
        }

        var reads = slice.Where(KeyHistory.IsObservation).ToList();
        for (var chunk = Math.Max(1, reads.Count / 2); chunk >= 1 && reads.Count > 0 && !OutOfTime; chunk /= 2)
        {
            for (var start = 0; start < reads.Count && !OutOfTime;)
            {
                var take = Math.Min(chunk, reads.Count - start);
                var dropped = new HashSet<Operation>(reads.GetRange(start, take), ReferenceEqualityComparer.Instance);
                var candidate = slice.Where(o => !dropped.Contains(o)).ToList();
                if (Fails(candidate))
                {
                    slice = candidate;
                    reads.RemoveRange(start, take);
                }
                else
                {
                    start += chunk;
                }
            }

            if (chunk == 1)
            {
                break;
            }
        }

        return slice;
    }
}
