using System.Buffers.Binary;

namespace RaftTower.StateMachine.Internal;

/// <summary>
/// Where each kind of replicated state lives in the byte store. The first byte of every store key names its kind,
/// so the kinds never collide and a snapshot (all live records) holds all of them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>00 01</c> → applied index; <c>00 02</c> → next collection id.</item>
/// <item><c>01 · userKey</c> → key record: <c>type(1) · expiry ticks(8 LE, 0 = none) · payload</c>. Scalars keep
/// their value in the payload; collections a 32-byte header (collection id + three counters).</item>
/// <item><c>02 · collectionId(8 BE) · tag(1) · ...</c> → collection elements (tags in <see cref="ElementTag"/>). A
/// fresh id per created collection keeps element keys short whatever the user key's length.</item>
/// <item><c>03</c> → TTL index (an OrderedIndex: expiry BE · userKey).</item>
/// <item><c>04 · clientId(8 BE)</c> → client session; <c>05 · clientId · sequence(8 BE)</c> → recorded result;
/// <c>06</c> → session idle index (an OrderedIndex: activity BE · clientId).</item>
/// </list>
/// </remarks>
internal static class KeyLayout
{
    public const byte MetaPrefix = 0x00;
    public const byte KeyPrefix = 0x01;
    public const byte ElementPrefix = 0x02;
    public const byte SessionPrefix = 0x04;
    public const byte ResultPrefix = 0x05;

    /// <summary>Bytes of the key record header before the payload.</summary>
    public const int KeyHeaderSize = 9;

    public static ReadOnlySpan<byte> AppliedIndexKey => [MetaPrefix, 0x01];

    public static ReadOnlySpan<byte> NextCollectionIdKey => [MetaPrefix, 0x02];

    public static ReadOnlySpan<byte> TtlIndexPrefix => [0x03];

    public static ReadOnlySpan<byte> IdleIndexPrefix => [0x06];

    public static int WriteUserKey(Span<byte> destination, ReadOnlySpan<byte> userKey)
    {
        destination[0] = KeyPrefix;
        userKey.CopyTo(destination[1..]);
        return userKey.Length + 1;
    }

    public static int WriteElementKey(Span<byte> destination, long collectionId, ElementTag tag, ReadOnlySpan<byte> suffix)
    {
        destination[0] = ElementPrefix;
        BinaryPrimitives.WriteInt64BigEndian(destination[1..], collectionId);
        destination[9] = (byte)tag;
        suffix.CopyTo(destination[10..]);
        return 10 + suffix.Length;
    }

    public static int WriteSessionKey(Span<byte> destination, ulong clientId)
    {
        destination[0] = SessionPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(destination[1..], clientId);
        return 9;
    }

    public static int WriteResultKey(Span<byte> destination, ulong clientId, ulong sequence)
    {
        destination[0] = ResultPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(destination[1..], clientId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[9..], sequence);
        return 17;
    }

    /// <summary>A signed position as 8 bytes whose ordinal order is the numeric order.</summary>
    public static void WriteOrderedInt64(Span<byte> destination, long value) =>
        BinaryPrimitives.WriteUInt64BigEndian(destination, (ulong)value ^ 0x8000_0000_0000_0000UL);

    public static long ReadOrderedInt64(ReadOnlySpan<byte> source) =>
        (long)(BinaryPrimitives.ReadUInt64BigEndian(source) ^ 0x8000_0000_0000_0000UL);
}
