using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using RaftTower.Internal;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Internal;

namespace RaftTower.Raft.Storage.Snapshots.Internal;

/// <summary>
/// A snapshot file: header — magic "RTSN" (u32), version (u16), reserved (u16), metadata length (u32), metadata,
/// CRC32C of everything before it (u32) — then the content, then a 16-byte trailer: content length (i64), CRC32C
/// of the content (u32), magic "RTSE" (u32). Little-endian. Named <c>snapshot-{index:x16}-{term:x16}.snap</c>.
/// </summary>
internal static class SnapshotFileFormat
{
    public const string Extension = ".snap";
    public const string TempExtension = ".tmp";
    public const int TrailerSize = 16;
    private const uint Magic = 0x4E535452;        // "RTSN"
    private const uint TrailerMagic = 0x45535452; // "RTSE"
    private const ushort Version = 1;
    private const int FixedHeaderSize = 12;
    private const int MaxMetadataSize = 1 << 20;

    public static string FileName(long index, long term) =>
        string.Create(CultureInfo.InvariantCulture, $"snapshot-{index:x16}-{term:x16}{Extension}");

    public static bool TryParseName(string fileName, out long index, out long term)
    {
        index = term = 0;
        return fileName.Length == 9 + 33 + Extension.Length
            && fileName.StartsWith("snapshot-", StringComparison.Ordinal)
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && fileName[25] == '-'
            && long.TryParse(fileName.AsSpan(9, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out index)
            && long.TryParse(fileName.AsSpan(26, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out term);
    }

    public static byte[] Header(SnapshotMetadata metadata)
    {
        var metadataSize = SnapshotMetadataCodec.Size(metadata);
        var header = new byte[FixedHeaderSize + metadataSize + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), metadataSize);
        SnapshotMetadataCodec.Write(header.AsSpan(FixedHeaderSize), metadata);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(header.Length - 4), Crc32C.Compute(header.AsSpan(0, header.Length - 4)));
        return header;
    }

    public static byte[] Trailer(long contentLength, uint contentCrc)
    {
        var trailer = new byte[TrailerSize];
        BinaryPrimitives.WriteInt64LittleEndian(trailer, contentLength);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(8), contentCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(12), TrailerMagic);
        return trailer;
    }

    /// <summary>Reads and verifies a whole snapshot file: header, trailer and the content's checksum.</summary>
    public static SnapshotFileCheck Verify(FileStream file)
    {
        var length = file.Length;
        Span<byte> fixedHeader = stackalloc byte[FixedHeaderSize];
        if (length < FixedHeaderSize + 4 + TrailerSize || RandomAccess.Read(file.SafeFileHandle, fixedHeader, 0) != FixedHeaderSize)
        {
            return SnapshotFileCheck.Bad($"the file is {length} bytes, too short for a snapshot");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(fixedHeader) != Magic)
        {
            return SnapshotFileCheck.Bad("no snapshot magic at the start (not a RaftTower snapshot file)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(fixedHeader[4..]);
        var metadataSize = BinaryPrimitives.ReadInt32LittleEndian(fixedHeader[8..]);
        if (version != Version)
        {
            return SnapshotFileCheck.Bad($"format version {version}; this build reads version {Version}");
        }

        if (metadataSize is < 0 or > MaxMetadataSize || FixedHeaderSize + metadataSize + 4L + TrailerSize > length)
        {
            return SnapshotFileCheck.Bad($"header announces {metadataSize} bytes of metadata, which the file cannot hold");
        }

        var header = new byte[FixedHeaderSize + metadataSize + 4];
        var trailer = new byte[TrailerSize];
        ReadExactly(file, header, 0);
        ReadExactly(file, trailer, length - TrailerSize);
        if (Crc32C.Compute(header.AsSpan(0, header.Length - 4)) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(header.Length - 4)))
        {
            return SnapshotFileCheck.Bad("header checksum mismatch");
        }

        if (!SnapshotMetadataCodec.TryRead(header.AsSpan(FixedHeaderSize, metadataSize), out var metadata))
        {
            return SnapshotFileCheck.Bad("malformed metadata in the header");
        }

        var contentLength = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(12)) != TrailerMagic || contentLength != length - header.Length - TrailerSize)
        {
            return SnapshotFileCheck.Bad("missing or inconsistent trailer (the file was cut short or extended)");
        }

        var crc = ContentChecksum(file, header.Length, contentLength);
        return crc == BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(8))
            ? new SnapshotFileCheck(metadata, header.Length, contentLength, null)
            : SnapshotFileCheck.Bad("content checksum mismatch");
    }

    private static uint ContentChecksum(FileStream file, long offset, long length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            uint crc = 0;
            while (length > 0)
            {
                var read = RandomAccess.Read(file.SafeFileHandle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length)), offset);
                if (read == 0)
                {
                    break;
                }

                crc = Crc32C.Append(crc, buffer.AsSpan(0, read));
                offset += read;
                length -= read;
            }

            return crc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadExactly(FileStream file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(file.SafeFileHandle, destination, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"'{file.Name}' ended at byte {offset}.");
            }

            destination = destination[read..];
            offset += read;
        }
    }
}
