using System.Buffers;
using RaftTower.StateMachine.Storage.Internal;

namespace RaftTower.StateMachine.Snapshots.Internal;

/// <summary>One record inside a snapshot block: varint key length, key, varint value length, value.</summary>
internal static class RecordCodec
{
    public static int Size(int keyLength, int valueLength) =>
        Varint.Size(keyLength) + keyLength + Varint.Size(valueLength) + valueLength;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(Size(key.Length, value.Length));
        var pos = Varint.Write(span, key.Length);
        key.CopyTo(span[pos..]);
        pos += key.Length;
        pos += Varint.Write(span[pos..], value.Length);
        value.CopyTo(span[pos..]);
        output.Advance(pos + value.Length);
    }

    /// <summary>Reads the record at <paramref name="pos"/>; false when the payload does not hold a whole record.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, ref int pos, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = value = default;
        if (!Varint.TryRead(payload, ref pos, out var keyLength) || keyLength > payload.Length - pos)
        {
            return false;
        }

        key = payload.Slice(pos, keyLength);
        pos += keyLength;
        if (!Varint.TryRead(payload, ref pos, out var valueLength) || valueLength > payload.Length - pos)
        {
            return false;
        }

        value = payload.Slice(pos, valueLength);
        pos += valueLength;
        return true;
    }
}
