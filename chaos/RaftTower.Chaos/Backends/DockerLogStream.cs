using System.Buffers.Binary;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// Decodes the Engine API's log stream of a container without a TTY: frames of an 8-byte header (stream type 0/1/2,
/// three zero bytes, the payload length as a big-endian uint32) and the payload. Stdout and stderr payloads are
/// concatenated in order; a stream that does not start with a frame header (a TTY container's raw output) is returned
/// as it is; a truncated last frame keeps the bytes it has.
/// </summary>
internal static class DockerLogStream
{
    private const int HeaderSize = 8;

    public static byte[] Demultiplex(ReadOnlySpan<byte> stream)
    {
        if (!IsHeader(stream))
        {
            return stream.ToArray();
        }

        using var output = new MemoryStream(stream.Length);
        while (stream.Length >= HeaderSize && IsHeader(stream))
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(stream[4..HeaderSize]), (uint)(stream.Length - HeaderSize));
            output.Write(stream.Slice(HeaderSize, length));
            stream = stream[(HeaderSize + length)..];
        }

        return output.ToArray();
    }

    private static bool IsHeader(ReadOnlySpan<byte> stream) =>
        stream.Length >= HeaderSize && stream[0] <= 2 && stream[1] == 0 && stream[2] == 0 && stream[3] == 0;
}
