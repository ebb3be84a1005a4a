using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Internal;

/// <summary>
/// Sorted indexes whose records are plain store records (<c>prefix · key</c>) and whose order is an in-memory
/// cache rebuilt from the store on first use of each prefix.
/// </summary>
internal sealed class CachedSortedIndexFactory(IKeyValueStore store) : ISortedIndexFactory
{
    private readonly Dictionary<byte[], SortedSet<byte[]>> _orders = new(ByteArrayComparer.Instance);

    public ISortedIndex Open(ReadOnlySpan<byte> prefix)
    {
        var lookup = _orders.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(prefix, out var order))
        {
            order = new SortedSet<byte[]>(ByteArrayComparer.Instance);
            foreach (var record in store.EnumerateOrdered())
            {
                if (record.Key.AsSpan().StartsWith(prefix))
                {
                    order.Add(record.Key[prefix.Length..]);
                }
            }

            _orders[prefix.ToArray()] = order;
        }

        return new CachedSortedIndex(store, prefix.ToArray(), order);
    }
}
