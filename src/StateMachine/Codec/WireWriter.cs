using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace RaftTower.StateMachine.Codec;

/// <summary>Writes the codec's primitives into an <see cref="IBufferWriter{T}"/>.</summary>
internal static class WireWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteVarUInt(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        writer.Advance(i);
    }

    public static void WriteVarInt(IBufferWriter<byte> writer, long value) =>
        WriteVarUInt(writer, (ulong)((value << 1) ^ (value >> 63)));

    public static void WriteInt64(IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteSized(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt(writer, (ulong)bytes.Length);
        writer.Write(bytes);
    }

    /// <exception cref="ArgumentException">The string holds a lone surrogate (not encodable as UTF-8).</exception>
    public static void WriteString(IBufferWriter<byte> writer, string value)
    {
        int count;
        try
        {
            count = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The string is not valid UTF-16 (lone surrogate).", nameof(value), e);
        }

        WriteVarUInt(writer, (ulong)count);
        var span = writer.GetSpan(count);
        StrictUtf8.GetBytes(value, span);
        writer.Advance(count);
    }

    public static void WriteGuid(IBufferWriter<byte> writer, Guid value)
    {
        value.TryWriteBytes(writer.GetSpan(16));
        writer.Advance(16);
    }

    public static void WriteBigInt(IBufferWriter<byte> writer, BigInteger value)
    {
        var count = value.GetByteCount();
        WriteVarUInt(writer, (ulong)count);
        value.TryWriteBytes(writer.GetSpan(count), out var written);
        writer.Advance(written);
    }
}
