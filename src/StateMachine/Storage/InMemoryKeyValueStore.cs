using System.Buffers;

namespace RaftTower.StateMachine.Storage;

/// <summary>A dictionary-backed <see cref="IKeyValueStore"/>: the reference model for tests and a store for small tools.</summary>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<byte[], byte[]> _records = new(ByteArrayComparer.Instance);

    /// <inheritdoc />
    public long Count => _records.Count;

    /// <inheritdoc />
    public bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_records.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var stored))
        {
            return false;
        }

        value.Write(stored);
        return true;
    }

    /// <inheritdoc />
    public bool ContainsKey(ReadOnlySpan<byte> key) => _records.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(key);

    /// <inheritdoc />
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => _records[key.ToArray()] = value.ToArray();

    /// <inheritdoc />
    public bool Delete(ReadOnlySpan<byte> key) => _records.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(key);

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered() =>
        _records.OrderBy(r => r.Key, ByteArrayComparer.Instance).ToList();

    /// <inheritdoc />
    public void Clear() => _records.Clear();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
