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
    /// log instead: a key is live when its highest-address record (its latest version: in-place updates only touch
    /// the latest record) is not a tombstone. The live keys are sorted in memory; values are then read through the
    /// index in key order, in batches of distinct keys whose disk reads overlap, so memory holds the keys and one
    /// batch of values (about 4 MiB), never the whole store. The store must not change while the result is enumerated.
    /// </remarks>
    public IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered()
    {
        var session = Session;
        session.CompletePending(wait: true);
        var latest = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
        var lookup = latest.GetAlternateLookup<ReadOnlySpan<byte>>();
        using (var iterator = Store.Log.Scan(Store.Log.BeginAddress, Store.Log.TailAddress))
        {
            while (iterator.GetNext(out var info))
            {
                var key = iterator.GetKey().AsReadOnlySpan();
                if (key.Length > 0 && key[0] == RecordTag)
                {
                    // The value length of the latest version, or -1 for a tombstone.
                    lookup[key[1..]] = info.Tombstone ? -1 : iterator.GetValue().Length;
                }
            }
        }

        var live = latest.Where(entry => entry.Value >= 0).ToArray();
        Array.Sort(live, (x, y) => ByteArrayComparer.Instance.Compare(x.Key, y.Key));
        return ReadInBatches(live);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> ReadInBatches(KeyValuePair<byte[], int>[] live)
    {
        var start = 0;
        while (start < live.Length)
        {
            var end = start;
            var bytes = 0L;
            while (end < live.Length && end - start < ReadAheadRecords && (end == start || bytes + live[end].Value <= ReadAheadBytes))
            {
                bytes += live[end++].Value;
            }

            foreach (var record in ReadBatch(live.AsSpan(start, end - start)))
            {
                yield return record;
            }

            start = end;
        }
    }

    /// <summary>Reads distinct keys together: disk reads go pending and complete in one wait, in any order.</summary>
    private KeyValuePair<byte[], byte[]>[] ReadBatch(ReadOnlySpan<KeyValuePair<byte[], int>> batch)
    {
        var values = new ArrayBufferWriter<byte>[batch.Length];
        var found = new bool[batch.Length];
        var pending = false;
        for (var i = 0; i < batch.Length; i++)
        {
            values[i] = new ArrayBufferWriter<byte>(Math.Max(batch[i].Value, 1));
            var output = new ReadOutput { Destination = values[i], Slot = i };
            var status = IssueRead(TaggedKey(RecordTag, batch[i].Key), ref output);
            pending |= status.IsPending;
            found[i] = status.Found;
            ThrowIfFaulted(status, "read");
        }

        if (pending)
        {
            Session.CompletePendingWithOutputs(out var completed, wait: true);
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
            if (!found[i])
            {
                throw new InvalidOperationException("The store changed while its records were being enumerated.");
            }

            records[i] = new KeyValuePair<byte[], byte[]>(batch[i].Key, values[i].WrittenSpan.ToArray());
        }

        return records;
    }
}
