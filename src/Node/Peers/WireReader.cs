using System.Buffers.Binary;
using System.Text;

namespace RaftTower.Node.Peers;

/// <summary>Bounds-checked little-endian reader: every read past the end is a <see cref="PeerProtocolException"/> naming the offset.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Remaining => _buffer.Length - _position;

    public byte ReadByte() => Take(1, "byte")[0];

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "int64"));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "uint64"));

    public int ReadCount(string what, int max)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));
        if (count > (uint)max)
        {
            throw new PeerProtocolException($"{what} of {count} at offset {_position - 4} exceeds the limit of {max}");
        }

        return (int)count;
    }

    public byte[] ReadBytes(string what, int max) => ReadSlice(what, max).ToArray();

    public ReadOnlySpan<byte> ReadSlice(string what, int max)
    {
        var length = ReadCount(what + " length", max);
        return Take(length, what);
    }

    public string ReadString(string what, int max)
    {
        var bytes = ReadBytes(what, max);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new PeerProtocolException($"{what} is not valid UTF-8", e);
        }
    }

    public readonly void EnsureEnd(string what)
    {
        if (Remaining != 0)
        {
            throw new PeerProtocolException($"{Remaining} unexpected trailing bytes after {what}");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new PeerProtocolException($"truncated {what} at offset {_position}: {count} bytes needed, {Remaining} left");
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
