using System.Buffers;
using FASTER.core;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Faster;

/// <summary>Enumerating the live records in key order.</summary>
public sealed partial class FasterKeyValueStore
{
    /// <inheritdoc />
    /// <remarks>
    /// FASTER 2.6.5's own iterators return wrong keys for SpanByte keys longer than 8 bytes, so this scans the raw
    /// log instead: a key is live when its highest-address record (its latest version: in-place updates only touch
    /// the latest record) is not a tombstone. The live keys are sorted in memory; values are read one at a time as
    /// the result is enumerated, so memory holds the keys but never all values. The store must not change while
    /// the result is enumerated.
    /// </remarks>
    public IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered()
    {
        var session = Session;
        session.CompletePending(wait: true);
        var latest = new Dictionary<byte[], bool>(ByteArrayComparer.Instance);
        var lookup = latest.GetAlternateLookup<ReadOnlySpan<byte>>();
        using (var iterator = Store.Log.Scan(Store.Log.BeginAddress, Store.Log.TailAddress))
        {
            while (iterator.GetNext(out var info))
            {
                var key = iterator.GetKey().AsReadOnlySpan();
                if (key.Length > 0 && key[0] == RecordTag)
                {
                    lookup[key[1..]] = !info.Tombstone;
                }
            }
        }

        var keys = latest.Where(entry => entry.Value).Select(entry => entry.Key).ToArray();
        Array.Sort(keys, ByteArrayComparer.Instance);
        return ReadAll(keys);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> ReadAll(byte[][] keys)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var key in keys)
        {
            buffer.ResetWrittenCount();
            if (!TryGet(key, buffer))
            {
                throw new InvalidOperationException("The store changed while its records were being enumerated.");
            }

            yield return new KeyValuePair<byte[], byte[]>(key, buffer.WrittenSpan.ToArray());
        }
    }
}
