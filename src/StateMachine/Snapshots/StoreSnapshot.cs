namespace RaftTower.StateMachine.Snapshots;

/// <summary>
/// A logical snapshot of an <see cref="Storage.IKeyValueStore"/>: every live record, in key order, as one stream
/// that is independent of the store's implementation (a FASTER store restores an in-memory one's snapshot and
/// the reverse). The same records always give the same bytes, so replicas can compare snapshot checksums.
/// </summary>
/// <remarks>
/// <para>Format version 1 (integers little endian):</para>
/// <list type="bullet">
/// <item>Header, 24 bytes: magic <c>RTSNAPSH</c>, u16 version = 1, u16 flags = 0, i64 record count (-1 when unknown),
/// u32 CRC32C of the previous 20 bytes.</item>
/// <item>Blocks: u8 kind = 1, u32 payload length, u32 record count, payload, u32 CRC32C of the block from its kind
/// byte to the end of its payload. A payload is records (varint key length, key, varint value length, value),
/// strictly ascending by key across the whole snapshot, cut into blocks of about 64 KiB; a larger record gets a
/// block of its own (at most 64 MiB).</item>
/// <item>Trailer, 13 bytes: u8 kind = 2, i64 record count, u32 CRC32C of every byte before this checksum. The
/// stream ends there.</item>
/// </list>
/// <para>Streaming both ways: memory holds one block, never the whole snapshot.</para>
/// </remarks>
public static partial class StoreSnapshot
{
    /// <summary>The current format version.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>The largest block accepted; a single record must fit in one.</summary>
    public const int MaxBlockBytes = 64 << 20;

    internal const int HeaderSize = 24;
    internal const int BlockTargetBytes = 64 << 10;
    internal const byte BlockKind = 1;
    internal const byte TrailerKind = 2;
    internal const int BlockHeaderSize = 1 + 4 + 4;

    internal static ReadOnlySpan<byte> Magic => "RTSNAPSH"u8;

    private static void CheckArguments(object store, Stream stream, bool writing)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stream);
        if (writing ? !stream.CanWrite : !stream.CanRead)
        {
            throw new ArgumentException($"The snapshot stream is not {(writing ? "writable" : "readable")}.", nameof(stream));
        }
    }
}
