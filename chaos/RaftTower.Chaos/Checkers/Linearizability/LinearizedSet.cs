namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// The set of operations linearized so far, as a bitset with an incrementally maintained hash
/// (Porcupine's cache key). Operations are numbered in call order, so the set is almost always
/// "every operation below some index, plus a few": <see cref="Snapshot"/> stores only the part
/// above the first gap, which keeps the cache small for long histories with low concurrency.
/// </summary>
internal sealed class LinearizedSet(int capacity)
{
    private readonly ulong[] _words = new ulong[(capacity + 63) / 64];
    private long _hash;
    private int _firstGap;
    private int _highest = -1;

    /// <summary>Hash of the whole set, independent of insertion order.</summary>
    public long Hash => _hash;

    public bool Contains(int index) => (_words[index >> 6] & (1UL << index)) != 0;

    public void Add(int index)
    {
        _words[index >> 6] |= 1UL << index;
        _hash ^= Mix(index);
        _highest = Math.Max(_highest, index);
        while (_firstGap < capacity && Contains(_firstGap))
        {
            _firstGap++;
        }
    }

    public void Remove(int index)
    {
        _words[index >> 6] &= ~(1UL << index);
        _hash ^= Mix(index);
        _firstGap = Math.Min(_firstGap, index);
        while (_highest >= 0 && !Contains(_highest))
        {
            _highest--;
        }
    }

    /// <summary>An immutable copy for the cache: the first gap and the words from it to the highest member.</summary>
    public (int FirstGap, ulong[] Tail) Snapshot()
    {
        var from = _firstGap >> 6;
        var to = _highest >> 6;
        return (_firstGap, to < from ? [] : _words.AsSpan(from, to - from + 1).ToArray());
    }

    // splitmix64 finalizer: spreads consecutive indices over all bits so XOR-combining stays collision-poor.
    private static long Mix(int index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }
}
