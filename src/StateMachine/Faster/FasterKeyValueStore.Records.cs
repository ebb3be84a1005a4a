using System.Buffers;
using FASTER.core;
using RaftTower.StateMachine.Faster.Internal;

namespace RaftTower.StateMachine.Faster;

/// <summary>Reading and writing single records.</summary>
public sealed partial class FasterKeyValueStore
{
    private const byte RecordTag = 0;
    private const byte MetaTag = 1;
    private const int RecordOverhead = 8 + 4 + 4; // record header + the two SpanByte length prefixes

    private byte[] _keyBuffer = new byte[256];

    /// <inheritdoc />
    public bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Read(RecordKey(key), value, out _);
    }

    /// <inheritdoc />
    public bool ContainsKey(ReadOnlySpan<byte> key) => Read(RecordKey(key), null, out _);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is empty or too long, or the record does not fit in one log page.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var storeKey = RecordKey(key);
        var size = RecordSize(storeKey.Length, value.Length);
        if (size > _options.PageSizeBytes)
        {
            throw new ArgumentException(
                $"A record of a {key.Length}-byte key and a {value.Length}-byte value needs {size} bytes, more than one log page " +
                $"({_options.PageSizeBytes} bytes, {nameof(FasterStoreOptions.PageSizeBits)} = {_options.PageSizeBits}).", nameof(value));
        }

        // Probe first: FASTER's upsert status does not tell whether the key existed (the record may be on disk).
        var existed = Read(storeKey, null, out var oldLength);
        Upsert(storeKey, value);
        if (existed)
        {
            _liveBytes += size - RecordSize(storeKey.Length, oldLength);
        }
        else
        {
            _count++;
            _liveBytes += size;
        }
    }

    /// <inheritdoc />
    public bool Delete(ReadOnlySpan<byte> key)
    {
        var storeKey = RecordKey(key);
        if (!Read(storeKey, null, out var oldLength))
        {
            return false;
        }

        DeleteRecord(storeKey);
        _count--;
        _liveBytes -= RecordSize(storeKey.Length, oldLength);
        return true;
    }

    private static long RecordSize(int storeKeyLength, int valueLength) =>
        RecordOverhead + Align8(storeKeyLength) + Align8(valueLength);

    private static long Align8(long length) => (length + 7) & ~7L;

    private ReadOnlySpan<byte> RecordKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A key must be 1..{MaxKeyLength} bytes; this one has {key.Length}.", nameof(key));
        }

        return TaggedKey(RecordTag, key);
    }

    private ReadOnlySpan<byte> TaggedKey(byte tag, ReadOnlySpan<byte> key)
    {
        if (_keyBuffer.Length <= key.Length)
        {
            _keyBuffer = new byte[Math.Max(key.Length + 1, 2 * _keyBuffer.Length)];
        }

        _keyBuffer[0] = tag;
        key.CopyTo(_keyBuffer.AsSpan(1));
        return _keyBuffer.AsSpan(0, key.Length + 1);
    }

    /// <summary>Reads a record, completing the read if it went to disk; copies the value when a destination is given.</summary>
    private bool Read(ReadOnlySpan<byte> storeKey, IBufferWriter<byte>? destination, out int length)
    {
        var output = new ReadOutput { Destination = destination };
        var status = IssueRead(storeKey, ref output);
        if (status.IsPending)
        {
            Session.CompletePendingWithOutputs(out var completed, wait: true);
            using (completed)
            {
                while (completed.Next())
                {
                    status = completed.Current.Status;
                    output = completed.Current.Output;
                }
            }
        }

        ThrowIfFaulted(status, "read");
        length = output.Length;
        return status.Found;
    }

    /// <summary>Starts a read; a pending one completes at the session's next CompletePending.</summary>
    private unsafe Status IssueRead(ReadOnlySpan<byte> storeKey, ref ReadOutput output)
    {
        fixed (byte* pointer = storeKey)
        {
            var spanKey = SpanByte.FromPointer(pointer, storeKey.Length);
            return Session.Read(ref spanKey, ref output);
        }
    }

    private unsafe void Upsert(ReadOnlySpan<byte> storeKey, ReadOnlySpan<byte> value)
    {
        var session = Session;
        Status status;
        Span<byte> empty = stackalloc byte[1]; // a pinned empty span would be a null pointer
        var source = value.IsEmpty ? empty : value;
        fixed (byte* keyPointer = storeKey)
        fixed (byte* valuePointer = source)
        {
            var spanKey = SpanByte.FromPointer(keyPointer, storeKey.Length);
            var spanValue = SpanByte.FromPointer(valuePointer, value.Length);
            status = session.Upsert(ref spanKey, ref spanValue);
        }

        if (status.IsPending)
        {
            session.CompletePending(wait: true);
        }

        ThrowIfFaulted(status, "upsert");
    }

    private unsafe void DeleteRecord(ReadOnlySpan<byte> storeKey)
    {
        var session = Session;
        Status status;
        fixed (byte* pointer = storeKey)
        {
            var spanKey = SpanByte.FromPointer(pointer, storeKey.Length);
            status = session.Delete(ref spanKey);
        }

        if (status.IsPending)
        {
            session.CompletePending(wait: true);
        }

        ThrowIfFaulted(status, "delete");
    }

    private void ThrowIfFaulted(Status status, string operation)
    {
        if (status.IsFaulted || status.IsCanceled)
        {
            throw new IOException($"FASTER {operation} failed ({status}) in '{_logDirectory}'.");
        }
    }
}
