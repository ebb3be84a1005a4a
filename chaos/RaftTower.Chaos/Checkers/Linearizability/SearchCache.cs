namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Lowe's memoization of the WGL search, extended with dominance for indeterminate operations.
/// </summary>
/// <remarks>
/// A configuration is (determinate operations linearized, indeterminate operations used, model state).
/// Two with the same determinate set and state differ only in which optional operations are spent, and
/// the one that spent a subset can do everything the other can (an unused indeterminate operation may
/// still happen, or never). So a configuration is pruned when one with a subset of its optional
/// operations was already reached; without indeterminate operations this is Lowe's exact-match cache.
/// Pruning by inclusion is what keeps a failing history with many timed-out writes from exploring
/// every subset of them.
/// </remarks>
internal sealed class SearchCache
{
    private readonly Dictionary<Entry, List<ulong[]>> _seen = new(EntryComparer.Instance);

    /// <summary>Configurations recorded.</summary>
    public int Count { get; private set; }

    /// <summary>Total length of the states cached (shared strings counted once per entry: an upper bound).</summary>
    public long StateChars { get; private set; }

    /// <summary>Records the configuration; false when it, or one that dominates it, was already reached.</summary>
    public bool TryAdd(LinearizedSet linearized, ulong[] optional, string? state)
    {
        var (firstGap, tail) = linearized.Snapshot();
        var hash = linearized.Hash ^ (state is null ? 0x5bd1e995L : (long)StringComparer.Ordinal.GetHashCode(state) * 0x2545F491);
        var entry = new Entry(hash, firstGap, tail, state);
        if (!_seen.TryGetValue(entry, out var used))
        {
            used = [];
            _seen.Add(entry, used);
            StateChars += state?.Length ?? 0;
        }

        foreach (var earlier in used)
        {
            if (IsSubset(earlier, optional))
            {
                return false;
            }
        }

        // Earlier configurations that spent a superset are dominated by this one: forget them.
        Count -= used.RemoveAll(earlier => IsSubset(optional, earlier));
        used.Add((ulong[])optional.Clone());
        Count++;
        return true;
    }

    private static bool IsSubset(ulong[] subset, ulong[] superset)
    {
        for (var i = 0; i < subset.Length; i++)
        {
            if ((subset[i] & ~superset[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(long Hash, int FirstGap, ulong[] Tail, string? State);

    private sealed class EntryComparer : IEqualityComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(Entry? x, Entry? y) =>
            ReferenceEquals(x, y) ||
            (x is not null && y is not null && x.Hash == y.Hash && x.FirstGap == y.FirstGap &&
             x.Tail.AsSpan().SequenceEqual(y.Tail) && string.Equals(x.State, y.State, StringComparison.Ordinal));

        public int GetHashCode(Entry obj) => obj.Hash.GetHashCode();
    }
}
