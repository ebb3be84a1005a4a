namespace RaftTower.StateMachine.Storage.Internal;

/// <summary>Unsigned LEB128 lengths (7 bits a byte, low bits first) for non-negative <see cref="int"/> values.</summary>
internal static class Varint
{
    /// <summary>The longest encoding of an <see cref="int"/>.</summary>
    public const int MaxSize = 5;

    public static int Size(int value) => value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;

    public static int Write(Span<byte> span, int value)
    {
        var v = (uint)value;
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[i++] = (byte)v;
        return i;
    }

    /// <summary>Reads a length at <paramref name="pos"/>; false when it is cut off or exceeds <see cref="int.MaxValue"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int pos, out int value)
    {
        var result = 0u;
        value = 0;
        for (var shift = 0; shift < 35 && pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = (int)result;
                return result <= int.MaxValue;
            }
        }

        return false;
    }
}
