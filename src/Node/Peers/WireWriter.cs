using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RaftTower.Node.Peers;

/// <summary>Little-endian writer into an <see cref="IBufferWriter{T}"/>, the counterpart of <see cref="WireReader"/>.</summary>
internal readonly ref struct WireWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public void WriteCount(int count)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), (uint)count);
        _output.Advance(4);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCount(bytes.Length);
        _output.Write(bytes);
    }

    public void WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));
}
