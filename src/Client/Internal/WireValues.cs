using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Internal;

/// <summary>Conversions between the client's CLR types and the wire messages of <c>tower.proto</c>.</summary>
internal static class WireValues
{
    public static Wire.Value ToWire(TowerValue value) => value.Type switch
    {
        TowerType.String => new Wire.Value { String = value.AsString() },
        TowerType.Int => new Wire.Value { Int = value.AsInt64() },
        TowerType.Float => new Wire.Value { Float = value.AsDouble() },
        TowerType.Bool => new Wire.Value { Bool = value.AsBoolean() },
        TowerType.Timestamp => new Wire.Value { TimestampTicks = value.AsDateTimeOffset().UtcTicks },
        TowerType.Duration => new Wire.Value { DurationTicks = value.AsTimeSpan().Ticks },
        TowerType.Uuid => new Wire.Value { Uuid = ToWire(value.AsGuid()) },
        TowerType.Binary => new Wire.Value { Binary = ByteString.CopyFrom(value.AsBytes().Span) },
        TowerType.BigInt => new Wire.Value { Bigint = ToWire(value.AsBigInteger()) },
        TowerType.Decimal => new Wire.Value { Decimal = ToWire(value.AsTowerDecimal()) },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "not a primitive type"),
    };

    /// <summary>The value, or null when the wire value is empty or of an unknown kind (a newer node).</summary>
    public static TowerValue? FromWire(Wire.Value value) => value.KindCase switch
    {
        Wire.Value.KindOneofCase.String => value.String,
        Wire.Value.KindOneofCase.Int => value.Int,
        Wire.Value.KindOneofCase.Float => value.Float,
        Wire.Value.KindOneofCase.Bool => value.Bool,
        Wire.Value.KindOneofCase.TimestampTicks => Timestamp(value.TimestampTicks),
        Wire.Value.KindOneofCase.DurationTicks => TimeSpan.FromTicks(value.DurationTicks),
        Wire.Value.KindOneofCase.Uuid => Uuid(value.Uuid),
        Wire.Value.KindOneofCase.Binary => TowerValue.FromOwnedBytes(value.Binary.ToByteArray()),
        Wire.Value.KindOneofCase.Bigint => BigInt(value.Bigint),
        Wire.Value.KindOneofCase.Decimal => Decimal(value.Decimal),
        _ => (TowerValue?)null,
    };

    public static ByteString ToWire(Guid value) => ByteString.CopyFrom(value.ToByteArray(bigEndian: true));

    public static string ToWire(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    public static Wire.Decimal ToWire(TowerDecimal value) => new() { Coefficient = ToWire(value.Coefficient), Scale = value.Scale };

    public static Wire.Decimal ToWire(BigInteger coefficient, int scale) => new() { Coefficient = ToWire(coefficient), Scale = scale };

    public static DateTimeOffset Timestamp(long ticks) => new(ticks, TimeSpan.Zero);

    public static Guid Uuid(ByteString bytes) =>
        bytes.Length == 16 ? new Guid(bytes.Span, bigEndian: true) : throw new FormatException($"a UUID has 16 bytes, not {bytes.Length}");

    public static BigInteger BigInt(string text) => BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static TowerDecimal Decimal(Wire.Decimal value) => new(BigInt(value.Coefficient), value.Scale);

    public static TowerType? TypeFromWire(Wire.TowerType type) =>
        type is > Wire.TowerType.Unspecified and <= Wire.TowerType.BloomFilter ? (TowerType)(int)type : null;
}
