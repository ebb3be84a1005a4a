using System.Buffers.Binary;

namespace RaftTower.StateMachine.Internal;

/// <summary>The payload of a collection's key record: its element id and three type-specific counters.</summary>
/// <remarks>List: A = head position, B = tail position (exclusive). Map/Set: A = count. Bloom filter:
/// A = hash slots, B = bits, C = items added. Time series: none (the sorted index counts).</remarks>
internal readonly record struct CollectionHeader(long Id, long A, long B, long C)
{
    public const int Size = 32;

    public static CollectionHeader Read(ReadOnlySpan<byte> payload) => new(
        BinaryPrimitives.ReadInt64LittleEndian(payload),
        BinaryPrimitives.ReadInt64LittleEndian(payload[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(payload[24..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, Id);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], A);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], B);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], C);
    }
}
