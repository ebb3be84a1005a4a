using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace RaftTower.StateMachine.Codec;

/// <summary>Reads the codec's primitives from a span; every problem is a <see cref="CommandFormatException"/>.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        Need(1, "byte");
        return _data[_position++];
    }

    public bool ReadBool()
    {
        var at = _position;
        return ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new CommandFormatException(at, $"boolean byte {other} is neither 0 nor 1"),
        };
    }

    public ulong ReadVarUInt()
    {
        var at = _position;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Need(1, "varint");
            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                throw new CommandFormatException(at, "varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new CommandFormatException(at, "varint longer than 10 bytes");
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadLength(int max, string what)
    {
        var at = _position;
        var length = ReadVarUInt();
        if (length > (ulong)max)
        {
            throw new CommandFormatException(at, $"{what} of {length} bytes is over the limit of {max}");
        }

        if (length > (ulong)Remaining)
        {
            throw new CommandFormatException(at, $"{what} of {length} bytes runs past the end ({Remaining} left)");
        }

        return (int)length;
    }

    public int ReadCount(int max, string what)
    {
        var at = _position;
        var count = ReadVarUInt();
        if (count > (ulong)max || count > (ulong)Remaining)
        {
            throw new CommandFormatException(at, $"{what} count {count} is impossible here");
        }

        return (int)count;
    }

    public long ReadInt64()
    {
        Need(8, "64-bit value");
        var value = BinaryPrimitives.ReadInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadSpan(int length, string what)
    {
        Need(length, what);
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadSizedSpan(int max, string what) => ReadSpan(ReadLength(max, what), what);

    public string ReadString(int maxBytes)
    {
        var at = _position;
        var bytes = ReadSizedSpan(maxBytes, "string");
        if (!Utf8.IsValid(bytes))
        {
            throw new CommandFormatException(at, "string is not valid UTF-8");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    public Guid ReadGuid() => new(ReadSpan(16, "uuid"));

    public BigInteger ReadBigInt(int maxBytes)
    {
        var at = _position;
        var bytes = ReadSizedSpan(maxBytes, "big integer");
        if (bytes.IsEmpty)
        {
            throw new CommandFormatException(at, "big integer has no bytes");
        }

        return new BigInteger(bytes);
    }

    public int ReadInt32(string what)
    {
        var at = _position;
        var value = ReadVarInt();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new CommandFormatException(at, $"{what} {value} does not fit 32 bits");
        }

        return (int)value;
    }

    public readonly void ExpectEnd()
    {
        if (_position != _data.Length)
        {
            throw new CommandFormatException(_position, $"{_data.Length - _position} trailing bytes");
        }
    }

    private readonly void Need(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw new CommandFormatException(_position, $"truncated {what}: needs {count} bytes, {_data.Length - _position} left");
        }
    }
}
