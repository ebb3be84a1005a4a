using System.Buffers;
using System.Buffers.Binary;

namespace RaftTower.Node.Peers;

/// <summary>
/// Framing on the peer port: <c>[u32 length][u8 kind][payload]</c>, little-endian, length counting kind + payload.
/// A connection starts with one <see cref="PeerFrameKind.Hello"/>; then <see cref="PeerFrameKind.Batch"/> frames
/// each carry many messages (one network write per batch).
/// </summary>
internal static class PeerFrame
{
    /// <summary>"RAFTTWR1": identifies our protocol and its version in the hello frame.</summary>
    public const ulong Magic = 0x3152575454464152;

    /// <summary>Largest frame accepted (a batch of entries or a snapshot chunk plus headroom).</summary>
    public const int MaxFrameBytes = 96 << 20;

    /// <summary>Size of the header before every payload.</summary>
    public const int HeaderBytes = 5;

    /// <summary>Writes the header of a frame carrying <paramref name="payloadLength"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, PeerFrameKind kind, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(payloadLength + 1));
        destination[4] = (byte)kind;
    }

    /// <summary>
    /// Takes one complete frame from the front of <paramref name="buffer"/>; false when more bytes are needed.
    /// </summary>
    /// <exception cref="PeerProtocolException">The declared length is impossible or too large, or the kind is unknown.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out PeerFrameKind kind, out ReadOnlySequence<byte> payload)
    {
        kind = default;
        payload = default;
        if (buffer.Length < HeaderBytes)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        buffer.Slice(0, HeaderBytes).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length is < 1 or > MaxFrameBytes)
        {
            throw new PeerProtocolException($"frame length {length} is outside 1..{MaxFrameBytes}");
        }

        kind = (PeerFrameKind)header[4];
        if (!Enum.IsDefined(kind))
        {
            throw new PeerProtocolException($"unknown frame kind {header[4]}");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderBytes, length - 1);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
