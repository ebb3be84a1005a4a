using System.Buffers;
using FASTER.core;
using RaftTower.StateMachine.Faster.Internal;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Faster;

/// <summary>Enumerating the live records in key order.</summary>
public sealed partial class FasterKeyValueStore
{
    /// <summary>Values read ahead in one batch of reads (at least one record per batch).</summary>
    private const long ReadAheadBytes = 4 << 20;

    /// <summary>Records read ahead in one batch of reads.</summary>
    private const int ReadAheadRecords = 1024;

    /// <inheritdoc />
    /// <remarks>
    /// FASTER 2.6.5's own iterators return wrong keys for SpanByte keys longer than 8 bytes, so this scans the raw
    /// log instead (<see cref="EnumerateLive"/>). The store must not change while the result is enumerated; to write
    /// a snapshot while commands go on, enumerate a <see cref="Freeze"/> view instead.
    /// </remarks>
    public IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered()
    {
        var session = Session;
        session.CompletePending(wait: true);
        return EnumerateLive(Store.Log.BeginAddress, Store.Log.TailAddress, session, null);
    }

    /// <summary>
    /// The live records among the log's records in [<paramref name="begin"/>, <paramref name="end"/>), in key order: a
    /// key is live when its highest-address record in that range (its latest version there: in-place updates only
    /// touch the latest record) is not a tombstone. The live keys and the address of their version are collected
    /// and sorted in memory; values are then read at those addresses in key order, in batches of distinct keys whose
    /// disk reads overlap, so memory holds the keys and one batch of values (about 4 MiB), never the whole store.
    /// The records in the range must not change meanwhile — records above <paramref name="end"/> may.
    /// <paramref name="pace"/>, when given, is called every 2,048 records scanned and before each batch of reads.
    /// </summary>
    private IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateLive(long begin, long end, ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions> session, Action? pace)
    {
        // Key → (address of its latest version in the range, its value length), or length -1 for a tombstone.
        var latest = new Dictionary<byte[], (long Address, int Length)>(ByteArrayComparer.Instance);
        var lookup = latest.GetAlternateLookup<ReadOnlySpan<byte>>();
        using (var iterator = Store.Log.Scan(begin, end))
        {
            var scanned = 0;
            while (iterator.GetNext(out var info))
            {
                if (++scanned % 2048 == 0)
                {
                    pace?.Invoke();
                }

                var key = iterator.GetKey().AsReadOnlySpan();
                if (key.Length > 0 && key[0] == RecordTag)
                {
                    lookup[key[1..]] = (iterator.CurrentAddress, info.Tombstone ? -1 : iterator.GetValue().Length);
                }
            }
        }

        var live = latest.Where(entry => entry.Value.Length >= 0).ToArray();
        latest.Clear();
        Array.Sort(live, (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
        return ReadInBatches(live, session, pace);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> ReadInBatches(KeyValuePair<byte[], (long Address, int Length)>[] live, ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions> session, Action? pace)
    {
        var start = 0;
        while (start < live.Length)
        {
            var end = start;
            var bytes = 0L;
            while (end < live.Length && end - start < ReadAheadRecords && (end == start || bytes + live[end].Value.Length <= ReadAheadBytes))
            {
                bytes += live[end++].Value.Length;
            }

            pace?.Invoke();
            foreach (var record in ReadBatch(live.AsSpan(start, end - start), session))
            {
                yield return record;
            }

            start = end;
        }
    }

    /// <summary>
    /// Reads each key's value at its collected address (the search starts there, so a newer version written after
    /// the scan is not seen). Distinct keys are read together: disk reads go pending and complete in one wait.
    /// </summary>
    private KeyValuePair<byte[], byte[]>[] ReadBatch(ReadOnlySpan<KeyValuePair<byte[], (long Address, int Length)>> batch, ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions> session)
    {
        var values = new ArrayBufferWriter<byte>[batch.Length];
        var found = new bool[batch.Length];
        var pending = false;
        var storeKey = new byte[256];
        for (var i = 0; i < batch.Length; i++)
        {
            var (key, (address, length)) = (batch[i].Key, batch[i].Value);
            if (storeKey.Length < key.Length + 1)
            {
                storeKey = new byte[key.Length + 1];
            }

            storeKey[0] = RecordTag;
            key.CopyTo(storeKey, 1);
            values[i] = new ArrayBufferWriter<byte>(Math.Max(length, 1));
            var output = new ReadOutput { Destination = values[i], Slot = i };
            var status = ReadAt(session, storeKey.AsSpan(0, key.Length + 1), address, ref output);
            pending |= status.IsPending;
            found[i] = status.Found;
            ThrowIfFaulted(status, "read");
        }

        if (pending)
        {
            session.CompletePendingWithOutputs(out var completed, wait: true);
            using (completed)
            {
                while (completed.Next())
                {
                    ThrowIfFaulted(completed.Current.Status, "read");
                    found[completed.Current.Output.Slot] = completed.Current.Status.Found;
                }
            }
        }

        var records = new KeyValuePair<byte[], byte[]>[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            if (!found[i] || values[i].WrittenCount != batch[i].Value.Length)
            {
                throw new InvalidOperationException("The store changed while its records were being enumerated.");
            }

            records[i] = new KeyValuePair<byte[], byte[]>(batch[i].Key, values[i].WrittenSpan.ToArray());
        }

        return records;
    }

    /// <summary>Reads the version of a key at <paramref name="address"/> (the search starts there, toward older records).</summary>
    private static unsafe Status ReadAt(ClientSession<SpanByte, SpanByte, SpanByte, ReadOutput, Empty, StoreFunctions> session, ReadOnlySpan<byte> storeKey, long address, ref ReadOutput output)
    {
        var options = Internal.ReadAtAddress.Options(address);
        var input = default(SpanByte);
        fixed (byte* pointer = storeKey)
        {
            var spanKey = SpanByte.FromPointer(pointer, storeKey.Length);
            return session.Read(ref spanKey, ref input, ref output, ref options, out _);
        }
    }
}
