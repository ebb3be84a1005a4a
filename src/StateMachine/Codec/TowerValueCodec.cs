using System.Buffers;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Codec;

/// <summary>
/// The binary form of a <see cref="TowerValue"/>: a <see cref="TowerType"/> tag then the payload. The same bytes are
/// used on the wire, in stored collection elements and as map-field keys (so typed fields stay distinct).
/// </summary>
public static class TowerValueCodec
{
    /// <summary>Writes the tagged value (null is the single tag byte 0).</summary>
    public static void Write(IBufferWriter<byte> writer, TowerValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WireWriter.WriteByte(writer, (byte)value.Type);
        WritePayload(writer, value);
    }

    /// <summary>The tagged bytes of <paramref name="value"/>.</summary>
    public static byte[] ToBytes(TowerValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        Write(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one tagged value that fills <paramref name="bytes"/> exactly.</summary>
    /// <exception cref="CommandFormatException">The bytes are not one valid value.</exception>
    public static TowerValue FromBytes(ReadOnlySpan<byte> bytes, CodecLimits? limits = null)
    {
        var reader = new WireReader(bytes);
        var value = Read(ref reader, limits ?? CodecLimits.Default);
        reader.ExpectEnd();
        return value;
    }

    internal static TowerValue Read(ref WireReader reader, CodecLimits limits)
    {
        return ReadPayload(ref reader, (TowerType)reader.ReadByte(), limits);
    }

    internal static TowerValue ReadPayload(ref WireReader reader, TowerType type, CodecLimits limits)
    {
        var at = reader.Position;
        return type switch
        {
            TowerType.None => TowerValue.Null,
            TowerType.String => TowerValue.FromString(reader.ReadString(limits.MaxValueBytes)),
            TowerType.Int => TowerValue.FromInt(reader.ReadVarInt()),
            TowerType.Float => TowerValue.FromFloat(BitConverter.Int64BitsToDouble(reader.ReadInt64())),
            TowerType.Bool => TowerValue.FromBool(reader.ReadBool()),
            TowerType.Timestamp => TowerValue.FromTimestampTicks(ReadTicks(ref reader, "timestamp")),
            TowerType.Duration => TowerValue.FromDurationTicks(reader.ReadVarInt()),
            TowerType.Uuid => TowerValue.FromUuid(reader.ReadGuid()),
            TowerType.Binary => TowerValue.FromBytes(reader.ReadSizedSpan(limits.MaxValueBytes, "byte string").ToArray()),
            TowerType.BigInt => TowerValue.FromBigInt(reader.ReadBigInt(limits.MaxBigIntBytes)),
            TowerType.Decimal => TowerValue.FromDecimal(ReadDecimal(ref reader, limits)),
            _ => throw new CommandFormatException(at, $"unknown value type {(byte)type}"),
        };
    }

    internal static void WritePayload(IBufferWriter<byte> writer, TowerValue value)
    {
        switch (value.Type)
        {
            case TowerType.None:
                break;
            case TowerType.String:
                WireWriter.WriteString(writer, value.AsString());
                break;
            case TowerType.Int:
                WireWriter.WriteVarInt(writer, value.AsInt());
                break;
            case TowerType.Float:
                WireWriter.WriteInt64(writer, BitConverter.DoubleToInt64Bits(value.AsFloat()));
                break;
            case TowerType.Bool:
                WireWriter.WriteByte(writer, value.AsBool() ? (byte)1 : (byte)0);
                break;
            case TowerType.Timestamp:
                WireWriter.WriteVarInt(writer, value.AsTimestampTicks());
                break;
            case TowerType.Duration:
                WireWriter.WriteVarInt(writer, value.AsDurationTicks());
                break;
            case TowerType.Uuid:
                WireWriter.WriteGuid(writer, value.AsUuid());
                break;
            case TowerType.Binary:
                WireWriter.WriteSized(writer, value.AsBytes());
                break;
            case TowerType.BigInt:
                WireWriter.WriteBigInt(writer, value.AsBigInt());
                break;
            case TowerType.Decimal:
                var d = value.AsDecimal();
                WireWriter.WriteVarInt(writer, d.Scale);
                WireWriter.WriteBigInt(writer, d.Coefficient);
                break;
            default:
                throw new ArgumentException($"{value.Type} is not a primitive value type.", nameof(value));
        }
    }

    internal static long ReadTicks(ref WireReader reader, string what)
    {
        var at = reader.Position;
        var ticks = reader.ReadVarInt();
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            throw new CommandFormatException(at, $"{what} ticks {ticks} outside 0..{DateTime.MaxValue.Ticks}");
        }

        return ticks;
    }

    internal static TowerDecimal ReadDecimal(ref WireReader reader, CodecLimits limits)
    {
        var scale = reader.ReadInt32("decimal scale");
        return new TowerDecimal(reader.ReadBigInt(limits.MaxBigIntBytes), scale);
    }
}
