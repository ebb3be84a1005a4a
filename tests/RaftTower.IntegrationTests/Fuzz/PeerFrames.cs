using System.Buffers.Binary;
using System.Text;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Frames of the peer protocol built by hand from docs/wire-protocol.md (not from the node's code, so a drift between
/// the two shows): <c>[u32 LE length of kind + payload][u8 kind][payload]</c>; kind 1 hello, 2 batch.
/// </summary>
internal static class PeerFrames
{
    public const byte Hello = 1;
    public const byte Batch = 2;

    /// <summary>"RAFTTWR1" read as a little-endian u64.</summary>
    public const ulong Magic = 0x3152575454464152;

    /// <summary>A node id no test cluster uses: a stranger that is not a member.</summary>
    public const ulong StrangerId = 9_999;

    public static byte[] Frame(byte kind, ReadOnlySpan<byte> payload) => Header((uint)payload.Length + 1, kind, payload);

    /// <summary>A header with any declared length, followed by <paramref name="payload"/> whatever its size.</summary>
    public static byte[] Header(uint declaredLength, byte kind, ReadOnlySpan<byte> payload = default)
    {
        var bytes = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, declaredLength);
        bytes[4] = kind;
        payload.CopyTo(bytes.AsSpan(5));
        return bytes;
    }

    /// <summary>
    /// A hello payload: magic, node id, client URL and peer address as u32-length-prefixed UTF-8. The stranger's peer
    /// address is left empty so the node has nowhere to dial back.
    /// </summary>
    public static byte[] HelloPayload(ulong magic = Magic, ulong nodeId = StrangerId, string clientUrl = "http://127.0.0.1:1", string peerAddress = "") =>
        HelloPayload(magic, nodeId, Encoding.UTF8.GetBytes(clientUrl), Encoding.UTF8.GetBytes(peerAddress));

    public static byte[] HelloPayload(ulong magic, ulong nodeId, byte[] clientUrl, byte[] peerAddress)
    {
        var bytes = new byte[16 + 4 + clientUrl.Length + 4 + peerAddress.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, magic);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), nodeId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)clientUrl.Length);
        clientUrl.CopyTo(bytes.AsSpan(20));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20 + clientUrl.Length), (uint)peerAddress.Length);
        peerAddress.CopyTo(bytes.AsSpan(24 + clientUrl.Length));
        return bytes;
    }

    /// <summary>A batch payload: u32 message count, then each message as u32 length + bytes.</summary>
    public static byte[] BatchPayload(params byte[][] messages)
    {
        var bytes = new byte[4 + messages.Sum(m => 4 + m.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)messages.Length);
        var position = 4;
        foreach (var message in messages)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(position), (uint)message.Length);
            message.CopyTo(bytes.AsSpan(position + 4));
            position += 4 + message.Length;
        }

        return bytes;
    }
}
