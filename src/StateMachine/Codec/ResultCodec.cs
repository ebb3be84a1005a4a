using System.Buffers;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Codec;

/// <summary>The versioned binary form of a <see cref="TowerResult"/> (what goes back to the client).</summary>
/// <remarks><c>version · status · flags · [value] · [items] · [points] · [message]</c>; flags bit 0..3 say which
/// parts follow. Thread-safe (no state).</remarks>
public static class ResultCodec
{
    private const byte HasValue = 1, HasItems = 2, HasPoints = 4, HasMessage = 8;
    private static readonly CodecLimits ResultLimits = new() { MaxKeyBytes = int.MaxValue, MaxValueBytes = int.MaxValue, MaxBigIntBytes = int.MaxValue };

    /// <summary>Writes the result.</summary>
    public static void Encode(IBufferWriter<byte> writer, in TowerResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var flags = (byte)((result.Value.IsNull ? 0 : HasValue) | (result.Items is null ? 0 : HasItems)
            | (result.Points is null ? 0 : HasPoints) | (result.Message is null ? 0 : HasMessage));
        var head = writer.GetSpan(3);
        head[0] = CommandCodec.Version;
        head[1] = (byte)result.Status;
        head[2] = flags;
        writer.Advance(3);
        if (!result.Value.IsNull)
        {
            TowerValueCodec.Write(writer, result.Value);
        }

        if (result.Items is { } items)
        {
            WireWriter.WriteVarUInt(writer, (ulong)items.Count);
            foreach (var item in items)
            {
                TowerValueCodec.Write(writer, item);
            }
        }

        if (result.Points is { } points)
        {
            WireWriter.WriteVarUInt(writer, (ulong)points.Count);
            foreach (var point in points)
            {
                WireWriter.WriteVarInt(writer, point.TimestampTicks);
                TowerValueCodec.Write(writer, point.Value);
            }
        }

        if (result.Message is { } message)
        {
            WireWriter.WriteString(writer, message);
        }
    }

    /// <summary>The bytes of the result.</summary>
    public static byte[] Encode(in TowerResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        Encode(buffer, result);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a result.</summary>
    /// <exception cref="CommandFormatException">The bytes are not a valid result.</exception>
    public static TowerResult Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var version = reader.ReadByte();
        if (version != CommandCodec.Version)
        {
            throw new CommandFormatException(0, $"unknown format version {version}");
        }

        var status = (ResultStatus)reader.ReadByte();
        if (status > ResultStatus.StaleSequence)
        {
            throw new CommandFormatException(1, $"unknown status {(byte)status}");
        }

        var flags = reader.ReadByte();
        if ((flags & ~(HasValue | HasItems | HasPoints | HasMessage)) != 0)
        {
            throw new CommandFormatException(2, $"unknown flags 0x{flags:X2}");
        }

        var value = (flags & HasValue) != 0 ? TowerValueCodec.Read(ref reader, ResultLimits) : default;
        TowerValue[]? items = null;
        if ((flags & HasItems) != 0)
        {
            items = new TowerValue[reader.ReadCount(int.MaxValue, "item")];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = TowerValueCodec.Read(ref reader, ResultLimits);
            }
        }

        TimeSeriesPoint[]? points = null;
        if ((flags & HasPoints) != 0)
        {
            points = new TimeSeriesPoint[reader.ReadCount(int.MaxValue, "point")];
            for (var i = 0; i < points.Length; i++)
            {
                var ticks = reader.ReadVarInt();
                points[i] = new TimeSeriesPoint(ticks, TowerValueCodec.Read(ref reader, ResultLimits));
            }
        }

        var message = (flags & HasMessage) != 0 ? reader.ReadString(int.MaxValue) : null;
        reader.ExpectEnd();
        return new TowerResult(status, value, items, points, message);
    }
}
