namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Lowe's memoization of the WGL search: a (linearized set, model state) pair already explored
/// cannot lead anywhere new, because what remains to linearize and the state it starts from are the same.
/// </summary>
internal sealed class SearchCache
{
    private readonly HashSet<Entry> _seen = new(EntryComparer.Instance);

    public int Count => _seen.Count;

    /// <summary>Total length of the states cached (shared strings counted once per entry: an upper bound).</summary>
    public long StateChars { get; private set; }

    /// <summary>Adds the pair; false when it was already explored.</summary>
    public bool TryAdd(LinearizedSet linearized, string? state)
    {
        var (firstGap, tail) = linearized.Snapshot();
        var hash = linearized.Hash ^ (state is null ? 0x5bd1e995L : (long)StringComparer.Ordinal.GetHashCode(state) * 0x2545F491);
        if (!_seen.Add(new Entry(hash, firstGap, tail, state)))
        {
            return false;
        }

        StateChars += state?.Length ?? 0;
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
