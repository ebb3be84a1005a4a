using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace RaftTower.Protocol.Grpc;

/// <summary>
/// The gRPC length-prefixed message: 1 byte compressed flag, 4 bytes big-endian length, then the protobuf bytes.
/// </summary>
public static class GrpcFrame
{
    /// <summary>Size of the prefix before every message.</summary>
    public const int HeaderSize = 5;

    /// <summary>The media type of gRPC requests and responses.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>Writes <paramref name="message"/> with its prefix into <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        var length = message.CalculateSize();
        WriteHeader(writer.GetSpan(HeaderSize), length);
        writer.Advance(HeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>The prefixed bytes of <paramref name="message"/> as one array.</summary>
    public static byte[] ToArray(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var length = message.CalculateSize();
        var bytes = new byte[HeaderSize + length];
        WriteHeader(bytes, length);
        message.WriteTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    /// <summary>Writes an uncompressed prefix for a message of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// Reads the prefix at the start of <paramref name="buffer"/>. Returns <see cref="FrameHeaderStatus.Incomplete"/>
    /// when fewer than 5 bytes are there, and never reads past the prefix.
    /// </summary>
    public static FrameHeaderStatus TryReadHeader(in ReadOnlySequence<byte> buffer, int maxMessageSize, out int length)
    {
        length = 0;
        if (buffer.Length < HeaderSize)
        {
            return FrameHeaderStatus.Incomplete;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (header[0] > 1)
        {
            return FrameHeaderStatus.InvalidFlag;
        }

        if (header[0] == 1)
        {
            return FrameHeaderStatus.Compressed;
        }

        if (declared > (uint)maxMessageSize)
        {
            length = declared > int.MaxValue ? int.MaxValue : (int)declared;
            return FrameHeaderStatus.TooLarge;
        }

        length = (int)declared;
        return FrameHeaderStatus.Ok;
    }
}
