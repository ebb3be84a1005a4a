using System.Buffers;

namespace RaftTower.StateMachine.Internal;

/// <summary>
/// An ordered map of byte keys kept inside the <see cref="Storage.IKeyValueStore"/> under one prefix: the shape of
/// the storage layer's <c>OrderedIndex</c> (B+tree). The TTL index, session idle index and time series use it.
/// </summary>
internal interface ISortedIndex
{
    /// <summary>Number of entries.</summary>
    long Count { get; }

    /// <summary>Inserts or replaces; true when the key is new.</summary>
    bool Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Reads the value of <paramref name="key"/>; false when absent.</summary>
    bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value);

    /// <summary>Removes <paramref name="key"/>; false when absent.</summary>
    bool Remove(ReadOnlySpan<byte> key);

    /// <summary>Entries with <paramref name="fromInclusive"/> ≤ key ≤ <paramref name="toInclusive"/> in ordinal order.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> fromInclusive, ReadOnlySpan<byte> toInclusive);

    /// <summary>Removes every entry.</summary>
    void Clear();
}
