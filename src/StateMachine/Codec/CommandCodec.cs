using System.Buffers;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Codec;

/// <summary>
/// The versioned binary form of writes (as log entries, inside a <see cref="CommandEnvelope"/>) and of queries.
/// </summary>
/// <remarks>
/// Write: <c>version · clientId · sequence · watermark · body</c>; query: <c>version · body</c>; body:
/// <c>opcode · key · arguments</c> with argument shapes from <see cref="OperationInfo"/>. Integers are zig-zag
/// varints, doubles 8 bytes little-endian, strings and byte strings length-prefixed. Decoding is strict: a
/// truncated or over-long input, an unknown version or opcode, a write where a query is expected (or the reverse),
/// a bad length, invalid UTF-8 or a key/value over <see cref="CodecLimits"/> throws
/// <see cref="CommandFormatException"/> and nothing else. Thread-safe (no state).
/// </remarks>
public static class CommandCodec
{
    /// <summary>The format version written by this code.</summary>
    public const byte Version = 1;

    /// <summary>Writes the log-entry bytes of a write.</summary>
    /// <exception cref="ArgumentException">The command is not a write or its arguments do not match its operation.</exception>
    public static void EncodeWrite(IBufferWriter<byte> writer, in CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(envelope.Command);
        if (!OperationInfo.IsWrite(envelope.Command.Op))
        {
            throw new ArgumentException($"{envelope.Command.Op} is a query, not a write.", nameof(envelope));
        }

        WireWriter.WriteByte(writer, Version);
        WireWriter.WriteVarUInt(writer, envelope.ClientId);
        WireWriter.WriteVarUInt(writer, envelope.Sequence);
        WireWriter.WriteVarUInt(writer, envelope.Watermark);
        WriteBody(writer, envelope.Command);
    }

    /// <summary>The log-entry bytes of a write.</summary>
    public static byte[] EncodeWrite(in CommandEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        EncodeWrite(buffer, envelope);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the bytes of a query.</summary>
    /// <exception cref="ArgumentException">The command is not a query or its arguments do not match its operation.</exception>
    public static void EncodeQuery(IBufferWriter<byte> writer, TowerCommand query)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(query);
        if (OperationInfo.IsWrite(query.Op))
        {
            throw new ArgumentException($"{query.Op} is a write, not a query.", nameof(query));
        }

        WireWriter.WriteByte(writer, Version);
        WriteBody(writer, query);
    }

    /// <summary>The bytes of a query.</summary>
    public static byte[] EncodeQuery(TowerCommand query)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        EncodeQuery(buffer, query);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes the log-entry bytes of a write.</summary>
    /// <exception cref="CommandFormatException">The bytes are not a valid write.</exception>
    public static CommandEnvelope DecodeWrite(ReadOnlySpan<byte> bytes, CodecLimits? limits = null)
    {
        var reader = new WireReader(bytes);
        ReadVersion(ref reader);
        var clientId = reader.ReadVarUInt();
        var sequence = reader.ReadVarUInt();
        var watermark = reader.ReadVarUInt();
        var command = ReadBody(ref reader, limits ?? CodecLimits.Default, write: true);
        reader.ExpectEnd();
        return new CommandEnvelope(clientId, sequence, watermark, command);
    }

    /// <summary>Decodes the bytes of a query.</summary>
    /// <exception cref="CommandFormatException">The bytes are not a valid query.</exception>
    public static TowerCommand DecodeQuery(ReadOnlySpan<byte> bytes, CodecLimits? limits = null)
    {
        var reader = new WireReader(bytes);
        ReadVersion(ref reader);
        var query = ReadBody(ref reader, limits ?? CodecLimits.Default, write: false);
        reader.ExpectEnd();
        return query;
    }

    private static void ReadVersion(ref WireReader reader)
    {
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new CommandFormatException(0, $"unknown format version {version}");
        }
    }

    private static void WriteBody(IBufferWriter<byte> writer, TowerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command.Key);
        var kinds = OperationInfo.ArgumentsOf(command.Op);
        WireWriter.WriteByte(writer, (byte)command.Op);
        WireWriter.WriteSized(writer, command.Key);
        if (kinds.Length > 0)
        {
            WriteArgument(writer, kinds[0], command.A);
        }

        if (kinds.Length > 1)
        {
            WriteArgument(writer, kinds[1], command.B);
        }

        if (command.Op == OpCode.ExpireKeys)
        {
            var items = command.Expirations ?? [];
            WireWriter.WriteVarUInt(writer, (ulong)items.Count);
            foreach (var item in items)
            {
                WireWriter.WriteSized(writer, item.Key);
                WireWriter.WriteVarInt(writer, item.ExpiryTicks);
            }
        }
    }

    private static TowerCommand ReadBody(ref WireReader reader, CodecLimits limits, bool write)
    {
        var at = reader.Position;
        var op = (OpCode)reader.ReadByte();
        if (!OperationInfo.IsDefined(op))
        {
            throw new CommandFormatException(at, $"unknown opcode 0x{(byte)op:X2}");
        }

        if (OperationInfo.IsWrite(op) != write)
        {
            throw new CommandFormatException(at, write ? $"{op} is a query, not a write" : $"{op} is a write, not a query");
        }

        var key = reader.ReadSizedSpan(limits.MaxKeyBytes, "key").ToArray();
        var kinds = OperationInfo.ArgumentsOf(op);
        var a = kinds.Length > 0 ? ReadArgument(ref reader, kinds[0], limits) : default;
        var b = kinds.Length > 1 ? ReadArgument(ref reader, kinds[1], limits) : default;
        IReadOnlyList<ExpiryItem>? expirations = null;
        if (op == OpCode.ExpireKeys)
        {
            var count = reader.ReadCount(limits.MaxExpiryItems, "expiry item");
            var items = new ExpiryItem[count];
            for (var i = 0; i < count; i++)
            {
                var itemKey = reader.ReadSizedSpan(limits.MaxKeyBytes, "key").ToArray();
                items[i] = new ExpiryItem(itemKey, TowerValueCodec.ReadTicks(ref reader, "expiry"));
            }

            expirations = items;
        }

        return new TowerCommand(op, key, a, b, expirations);
    }

    private static void WriteArgument(IBufferWriter<byte> writer, ArgKind kind, TowerValue value)
    {
        var expected = TypeOf(kind);
        if (kind == ArgKind.NullableString)
        {
            if (value.Type is not (TowerType.String or TowerType.None))
            {
                throw new ArgumentException($"Expected a string or null argument, got {value.Type}.", nameof(value));
            }

            WireWriter.WriteByte(writer, value.IsNull ? (byte)0 : (byte)1);
        }
        else if (kind == ArgKind.Value)
        {
            if (value.IsNull)
            {
                throw new ArgumentException("A value argument cannot be null.", nameof(value));
            }

            WireWriter.WriteByte(writer, (byte)value.Type);
        }
        else if (value.Type != expected)
        {
            throw new ArgumentException($"Expected a {expected} argument, got {value.Type}.", nameof(value));
        }

        TowerValueCodec.WritePayload(writer, value);
    }

    private static TowerValue ReadArgument(ref WireReader reader, ArgKind kind, CodecLimits limits)
    {
        switch (kind)
        {
            case ArgKind.NullableString:
                return reader.ReadBool() ? TowerValue.FromString(reader.ReadString(limits.MaxValueBytes)) : TowerValue.Null;
            case ArgKind.Value:
                var at = reader.Position;
                var value = TowerValueCodec.Read(ref reader, limits);
                return value.IsNull ? throw new CommandFormatException(at, "a value argument cannot be null") : value;
            case ArgKind.Key:
                return TowerValue.FromBytes(reader.ReadSizedSpan(limits.MaxKeyBytes, "key").ToArray());
            case ArgKind.String:
                return TowerValue.FromString(reader.ReadString(limits.MaxValueBytes));
            case ArgKind.Int:
                return TowerValue.FromInt(reader.ReadVarInt());
            case ArgKind.Float:
                return TowerValue.FromFloat(BitConverter.Int64BitsToDouble(reader.ReadInt64()));
            case ArgKind.Bool:
                return TowerValue.FromBool(reader.ReadBool());
            case ArgKind.Timestamp:
                return TowerValue.FromTimestampTicks(TowerValueCodec.ReadTicks(ref reader, "timestamp"));
            case ArgKind.Duration:
                return TowerValue.FromDurationTicks(reader.ReadVarInt());
            case ArgKind.Uuid:
                return TowerValue.FromUuid(reader.ReadGuid());
            case ArgKind.Binary:
                return TowerValue.FromBytes(reader.ReadSizedSpan(limits.MaxValueBytes, "byte string").ToArray());
            case ArgKind.BigInt:
                return TowerValue.FromBigInt(reader.ReadBigInt(limits.MaxBigIntBytes));
            default:
                return TowerValue.FromDecimal(TowerValueCodec.ReadDecimal(ref reader, limits));
        }
    }

    /// <summary>The value type an argument of <paramref name="kind"/> decodes to (None for <see cref="ArgKind.Value"/>).</summary>
    public static TowerType TypeOf(ArgKind kind) => kind switch
    {
        ArgKind.String or ArgKind.NullableString => TowerType.String,
        ArgKind.Int => TowerType.Int,
        ArgKind.Float => TowerType.Float,
        ArgKind.Bool => TowerType.Bool,
        ArgKind.Timestamp => TowerType.Timestamp,
        ArgKind.Duration => TowerType.Duration,
        ArgKind.Uuid => TowerType.Uuid,
        ArgKind.Binary or ArgKind.Key => TowerType.Binary,
        ArgKind.BigInt => TowerType.BigInt,
        ArgKind.Decimal => TowerType.Decimal,
        _ => TowerType.None,
    };
}
