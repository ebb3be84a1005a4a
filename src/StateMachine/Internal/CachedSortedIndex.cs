using System.Buffers;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Internal;

/// <summary>One index of <see cref="CachedSortedIndexFactory"/>: records in the store, order in a cached sorted set.</summary>
internal sealed class CachedSortedIndex(IKeyValueStore store, byte[] prefix, SortedSet<byte[]> order) : ISortedIndex
{
    private byte[] _scratch = new byte[256];

    public long Count => order.Count;

    public bool Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        store.Put(Full(key), value);
        return order.Add(key.ToArray());
    }

    public bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value) => store.TryGet(Full(key), value);

    public bool Remove(ReadOnlySpan<byte> key)
    {
        if (!store.Delete(Full(key)))
        {
            return false;
        }

        order.Remove(key.ToArray());
        return true;
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> fromInclusive, ReadOnlySpan<byte> toInclusive)
    {
        if (fromInclusive.SequenceCompareTo(toInclusive) > 0)
        {
            return [];
        }

        var result = new List<KeyValuePair<byte[], byte[]>>();
        var value = new ArrayBufferWriter<byte>();
        foreach (var key in order.GetViewBetween(fromInclusive.ToArray(), toInclusive.ToArray()))
        {
            value.ResetWrittenCount();
            store.TryGet(Full(key), value);
            result.Add(new(key, value.WrittenSpan.ToArray()));
        }

        return result;
    }

    public void Clear()
    {
        foreach (var key in order)
        {
            store.Delete(Full(key));
        }

        order.Clear();
    }

    private ReadOnlySpan<byte> Full(ReadOnlySpan<byte> key)
    {
        var length = prefix.Length + key.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        prefix.CopyTo(_scratch, 0);
        key.CopyTo(_scratch.AsSpan(prefix.Length));
        return _scratch.AsSpan(0, length);
    }
}
