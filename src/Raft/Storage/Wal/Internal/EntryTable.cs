namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// The in-memory index of the held entries, <c>[FirstIndex, LastIndex]</c> → <see cref="EntryLocation"/>, with a
/// bounded cache of the data of the most recent entries (the ones followers and the apply loop read next).
/// </summary>
internal sealed class EntryTable
{
    private EntryLocation[] _items = new EntryLocation[1024];
    private int _start;
    private int _count;
    private long _cacheFloor;

    public EntryTable(long firstIndex)
    {
        FirstIndex = firstIndex;
        _cacheFloor = firstIndex;
    }

    public long FirstIndex { get; private set; }

    public long LastIndex => FirstIndex + _count - 1;

    public int Count => _count;

    /// <summary>Bytes of entry data held in the cache.</summary>
    public long CachedBytes { get; private set; }

    public ref EntryLocation this[long index] => ref _items[_start + (int)(index - FirstIndex)];

    public void Add(in EntryLocation location)
    {
        if (_start + _count == _items.Length)
        {
            if (_start > _items.Length / 2)
            {
                Array.Copy(_items, _start, _items, 0, _count);
                Array.Clear(_items, _count, _start);
            }
            else
            {
                var grown = new EntryLocation[_items.Length * 2];
                Array.Copy(_items, _start, grown, 0, _count);
                _items = grown;
            }

            _start = 0;
        }

        _items[_start + _count] = location;
        _count++;
        CachedBytes += location.Cached?.Length ?? 0;
    }

    /// <summary>Drops <c>[index, LastIndex]</c>.</summary>
    public void TruncateFrom(long index)
    {
        var keep = (int)Math.Max(0, index - FirstIndex);
        for (var i = keep; i < _count; i++)
        {
            CachedBytes -= _items[_start + i].Cached?.Length ?? 0;
        }

        Array.Clear(_items, _start + keep, _count - keep);
        _count = keep;
        _cacheFloor = Math.Min(_cacheFloor, FirstIndex + _count);
    }

    /// <summary>Drops <c>[FirstIndex, index]</c>; when that is everything, the table restarts empty after <paramref name="index"/>.</summary>
    public void DropThrough(long index)
    {
        if (index >= LastIndex)
        {
            Reset(index + 1);
            return;
        }

        var drop = (int)Math.Max(0, index - FirstIndex + 1);
        for (var i = 0; i < drop; i++)
        {
            CachedBytes -= _items[_start + i].Cached?.Length ?? 0;
        }

        Array.Clear(_items, _start, drop);
        _start += drop;
        _count -= drop;
        FirstIndex += drop;
        _cacheFloor = Math.Max(_cacheFloor, FirstIndex);
    }

    /// <summary>Drops every entry; the next one added gets <paramref name="firstIndex"/>.</summary>
    public void Reset(long firstIndex)
    {
        Array.Clear(_items, _start, _count);
        _start = 0;
        _count = 0;
        FirstIndex = firstIndex;
        _cacheFloor = firstIndex;
        CachedBytes = 0;
    }

    /// <summary>Evicts the oldest cached data until at most <paramref name="limit"/> bytes stay cached.</summary>
    public void TrimCache(long limit)
    {
        while (CachedBytes > limit && _cacheFloor <= LastIndex)
        {
            ref var location = ref this[_cacheFloor];
            CachedBytes -= location.Cached?.Length ?? 0;
            location.Cached = null;
            _cacheFloor++;
        }
    }
}
