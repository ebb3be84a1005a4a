using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace RaftTower.Internal;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of write-ahead-log records and snapshot blocks.
/// Uses the SSE4.2 <c>crc32</c> instruction when present, a table otherwise; both give identical results.
/// </summary>
/// <remarks>
/// This file is linked into each project that needs it (System.IO.Hashing is not served here and the
/// projects must not reference each other). Thread-safe: no mutable state.
/// </remarks>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u; // reflected Castagnoli polynomial
    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a checksum: <c>Append(Compute(a), b) == Compute(a ++ b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        if (Sse42.X64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = (uint)Sse42.X64.Crc32(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }

        if (Sse42.IsSupported)
        {
            foreach (var b in data)
            {
                state = Sse42.Crc32(state, b);
            }

            return ~state;
        }

        return ~Software(state, data);
    }

    /// <summary>The table-driven path, exposed so tests can check it against the hardware path.</summary>
    internal static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~Software(~0u, data);

    private static uint Software(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = Table[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
