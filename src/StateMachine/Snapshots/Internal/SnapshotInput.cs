using RaftTower.Internal;

namespace RaftTower.StateMachine.Snapshots.Internal;

/// <summary>Reads the snapshot stream exactly, keeping the running CRC32C and offset; a short read is truncation.</summary>
internal sealed class SnapshotInput(Stream stream)
{
    public long Offset { get; private set; }

    public uint Crc { get; private set; }

    public void Read(Span<byte> buffer, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new SnapshotCorruptException(Offset + read, $"the stream ends early (truncated) inside the {what}");
        }

        Crc = Crc32C.Append(Crc, buffer);
        Offset += buffer.Length;
    }

    /// <summary>True when the stream has no byte left (one byte is consumed otherwise).</summary>
    public bool AtEnd()
    {
        Span<byte> one = stackalloc byte[1];
        return stream.Read(one) == 0;
    }
}
