using RaftTower.Internal;

namespace RaftTower.StateMachine.Snapshots.Internal;

/// <summary>Writes to the snapshot stream, keeping the running CRC32C and byte count of everything written.</summary>
internal sealed class SnapshotOutput(Stream stream)
{
    public long Bytes { get; private set; }

    public uint Crc { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Crc = Crc32C.Append(Crc, bytes);
        Bytes += bytes.Length;
    }
}
