using System.Buffers.Binary;
using RaftTower.Internal;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Internal;

namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// Encodes and decodes WAL records. A record is a 12-byte frame header — body length (u32), CRC32C of those four
/// length bytes, CRC32C of the body — followed by the body: one <see cref="RecordType"/> byte and its payload.
/// All integers are little-endian. The separate length checksum lets recovery tell a garbled length (corruption)
/// from a record cut short by a crash (a torn tail); see docs/wal.md.
/// </summary>
internal static class WalRecordCodec
{
    public const int HeaderSize = 12;
    public const uint Magic = 0x4C575452; // "RTWL"
    public const ushort FormatVersion = 1;

    private const int EntryFixedSize = 1 + 8 + 8 + 1 + 8;
    private const int HardStateSize = 1 + 8 + 8 + 8;
    private const int SegmentHeaderSize = 1 + 4 + 2 + 8 + 8;

    public static int EntryFrameSize(in Entry entry) => HeaderSize + EntryFixedSize + entry.Data.Length;

    public static int HardStateFrameSize => HeaderSize + HardStateSize;

    public static int SegmentHeaderFrameSize => HeaderSize + SegmentHeaderSize;

    public static int SnapshotFrameSize(SnapshotMetadata snapshot) => HeaderSize + 2 + SnapshotMetadataCodec.Size(snapshot);

    /// <summary>Offset of an entry's data inside its record body.</summary>
    public static int EntryDataOffset => EntryFixedSize;

    /// <summary>Writes one entry record; returns its frame size.</summary>
    public static int WriteEntry(Span<byte> destination, in Entry entry)
    {
        var body = destination.Slice(HeaderSize, EntryFixedSize + entry.Data.Length);
        body[0] = (byte)RecordType.Entry;
        BinaryPrimitives.WriteInt64LittleEndian(body[1..], entry.Index);
        BinaryPrimitives.WriteInt64LittleEndian(body[9..], entry.Term);
        body[17] = (byte)entry.Type;
        BinaryPrimitives.WriteInt64LittleEndian(body[18..], entry.Timestamp);
        entry.Data.Span.CopyTo(body[EntryFixedSize..]);
        return SealFrame(destination, body.Length);
    }

    public static int WriteHardState(Span<byte> destination, HardState state)
    {
        var body = destination.Slice(HeaderSize, HardStateSize);
        body[0] = (byte)RecordType.HardState;
        BinaryPrimitives.WriteInt64LittleEndian(body[1..], state.Term);
        BinaryPrimitives.WriteUInt64LittleEndian(body[9..], state.VotedFor);
        BinaryPrimitives.WriteInt64LittleEndian(body[17..], state.Commit);
        return SealFrame(destination, body.Length);
    }

    public static int WriteSegmentHeader(Span<byte> destination, long sequence, long firstIndex)
    {
        var body = destination.Slice(HeaderSize, SegmentHeaderSize);
        body[0] = (byte)RecordType.SegmentHeader;
        BinaryPrimitives.WriteUInt32LittleEndian(body[1..], Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(body[5..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(body[7..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(body[15..], firstIndex);
        return SealFrame(destination, body.Length);
    }

    public static int WriteSnapshot(Span<byte> destination, SnapshotMode mode, SnapshotMetadata snapshot)
    {
        var body = destination.Slice(HeaderSize, 2 + SnapshotMetadataCodec.Size(snapshot));
        body[0] = (byte)RecordType.Snapshot;
        body[1] = (byte)mode;
        SnapshotMetadataCodec.Write(body[2..], snapshot);
        return SealFrame(destination, body.Length);
    }

    /// <summary>The body length a frame header announces, when its length checksum holds.</summary>
    public static bool TryReadBodyLength(ReadOnlySpan<byte> header, out uint bodyLength)
    {
        bodyLength = BinaryPrimitives.ReadUInt32LittleEndian(header);
        return Crc32C.Compute(header[..4]) == BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
    }

    /// <summary>True when <paramref name="body"/> matches the body checksum in <paramref name="header"/>.</summary>
    public static bool BodyMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body) =>
        Crc32C.Compute(body) == BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);

    public static bool TryReadEntry(ReadOnlySpan<byte> body, out long index, out long term, out EntryType type, out long timestamp)
    {
        index = term = timestamp = 0;
        type = EntryType.Normal;
        if (body.Length < EntryFixedSize || body[0] != (byte)RecordType.Entry || body[17] > (byte)EntryType.Noop)
        {
            return false;
        }

        index = BinaryPrimitives.ReadInt64LittleEndian(body[1..]);
        term = BinaryPrimitives.ReadInt64LittleEndian(body[9..]);
        type = (EntryType)body[17];
        timestamp = BinaryPrimitives.ReadInt64LittleEndian(body[18..]);
        return index >= 1 && term >= 0;
    }

    public static bool TryReadHardState(ReadOnlySpan<byte> body, out HardState state)
    {
        state = default;
        if (body.Length != HardStateSize)
        {
            return false;
        }

        state = new HardState(
            BinaryPrimitives.ReadInt64LittleEndian(body[1..]),
            BinaryPrimitives.ReadUInt64LittleEndian(body[9..]),
            BinaryPrimitives.ReadInt64LittleEndian(body[17..]));
        return true;
    }

    public static bool TryReadSegmentHeader(ReadOnlySpan<byte> body, out ushort version, out long sequence, out long firstIndex)
    {
        version = 0;
        sequence = firstIndex = 0;
        if (body.Length != SegmentHeaderSize || body[0] != (byte)RecordType.SegmentHeader
            || BinaryPrimitives.ReadUInt32LittleEndian(body[1..]) != Magic)
        {
            return false;
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(body[5..]);
        sequence = BinaryPrimitives.ReadInt64LittleEndian(body[7..]);
        firstIndex = BinaryPrimitives.ReadInt64LittleEndian(body[15..]);
        return true;
    }

    public static bool TryReadSnapshot(ReadOnlySpan<byte> body, out SnapshotMode mode, out SnapshotMetadata snapshot)
    {
        mode = body.Length > 1 ? (SnapshotMode)body[1] : SnapshotMode.KeepSuffix;
        snapshot = SnapshotMetadata.None;
        return body.Length > 2 && body[1] <= (byte)SnapshotMode.DiscardAll && SnapshotMetadataCodec.TryRead(body[2..], out snapshot);
    }

    private static int SealFrame(Span<byte> destination, int bodyLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C.Compute(destination[..4]));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Crc32C.Compute(destination.Slice(HeaderSize, bodyLength)));
        return HeaderSize + bodyLength;
    }
}
