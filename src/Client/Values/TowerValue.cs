using System.Globalization;
using System.Numerics;

namespace RaftTower.Client;

/// <summary>
/// A primitive element of a list, map or time series: a string, integer, float, bool, timestamp, duration, UUID,
/// byte string, big integer or decimal. Built by implicit conversion from the CLR type (<c>list.PushRightAsync("k", 42L)</c>).
/// </summary>
/// <remarks>
/// Equality is typed: <c>42L</c>, <c>42.0</c> and <c>"42"</c> are three different values, as they are different map
/// fields on the node. Floats compare bit-exactly (NaN equals NaN, 0.0 differs from -0.0). The default value is the
/// integer 0. Instances are immutable: a byte array is copied on the way in.
/// </remarks>
public readonly partial struct TowerValue : IEquatable<TowerValue>
{
    private readonly TowerType _type;
    private readonly long _bits;
    private readonly object? _object;

    private TowerValue(TowerType type, long bits, object? value)
    {
        _type = type;
        _bits = bits;
        _object = value;
    }

    /// <summary>The kind of primitive this value holds.</summary>
    public TowerType Type => _type == 0 ? TowerType.Int : _type;

    /// <summary>A string value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static TowerValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(TowerType.String, 0, value);
    }

    /// <summary>An integer value.</summary>
    public static TowerValue FromInt64(long value) => new(TowerType.Int, value, null);

    /// <summary>A float value (kept bit-exactly).</summary>
    public static TowerValue FromDouble(double value) => new(TowerType.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A bool value.</summary>
    public static TowerValue FromBoolean(bool value) => new(TowerType.Bool, value ? 1 : 0, null);

    /// <summary>A timestamp, converted to UTC (100 ns precision).</summary>
    public static TowerValue FromDateTimeOffset(DateTimeOffset value) => new(TowerType.Timestamp, value.UtcTicks, null);

    /// <summary>A duration (100 ns precision).</summary>
    public static TowerValue FromTimeSpan(TimeSpan value) => new(TowerType.Duration, value.Ticks, null);

    /// <summary>A UUID value.</summary>
    public static TowerValue FromGuid(Guid value) => new(TowerType.Uuid, 0, value);

    /// <summary>A byte string (copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static TowerValue FromByteArray(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(TowerType.Binary, 0, value.Clone());
    }

    /// <summary>A byte string (copied).</summary>
    public static TowerValue FromBytes(ReadOnlySpan<byte> value) => new(TowerType.Binary, 0, value.ToArray());

    /// <summary>A big integer value.</summary>
    public static TowerValue FromBigInteger(BigInteger value) => new(TowerType.BigInt, 0, value);

    /// <summary>A decimal value.</summary>
    public static TowerValue FromTowerDecimal(TowerDecimal value) => new(TowerType.Decimal, 0, value);

    /// <summary>Wraps an array the caller gives up (decoded from the wire): no copy.</summary>
    internal static TowerValue FromOwnedBytes(byte[] value) => new(TowerType.Binary, 0, value);

    /// <inheritdoc cref="FromString" />
    public static implicit operator TowerValue(string value) => FromString(value);

    /// <inheritdoc cref="FromInt64" />
    public static implicit operator TowerValue(long value) => FromInt64(value);

    /// <inheritdoc cref="FromDouble" />
    public static implicit operator TowerValue(double value) => FromDouble(value);

    /// <inheritdoc cref="FromBoolean" />
    public static implicit operator TowerValue(bool value) => FromBoolean(value);

    /// <inheritdoc cref="FromDateTimeOffset" />
    public static implicit operator TowerValue(DateTimeOffset value) => FromDateTimeOffset(value);

    /// <inheritdoc cref="FromTimeSpan" />
    public static implicit operator TowerValue(TimeSpan value) => FromTimeSpan(value);

    /// <inheritdoc cref="FromGuid" />
    public static implicit operator TowerValue(Guid value) => FromGuid(value);

    /// <inheritdoc cref="FromByteArray" />
    public static implicit operator TowerValue(byte[] value) => FromByteArray(value);

    /// <inheritdoc cref="FromBigInteger" />
    public static implicit operator TowerValue(BigInteger value) => FromBigInteger(value);

    /// <inheritdoc cref="FromTowerDecimal" />
    public static implicit operator TowerValue(TowerDecimal value) => FromTowerDecimal(value);

    /// <summary>Typed equality.</summary>
    public static bool operator ==(TowerValue left, TowerValue right) => left.Equals(right);

    /// <summary>Typed inequality.</summary>
    public static bool operator !=(TowerValue left, TowerValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TowerValue other) => Type == other.Type && Type switch
    {
        TowerType.String => string.Equals((string)_object!, (string)other._object!, StringComparison.Ordinal),
        TowerType.Binary => ((byte[])_object!).AsSpan().SequenceEqual((byte[])other._object!),
        TowerType.Uuid or TowerType.BigInt or TowerType.Decimal => Equals(_object, other._object),
        _ => _bits == other._bits,
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TowerValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        switch (_object)
        {
            case string text:
                hash.Add(text, StringComparer.Ordinal);
                break;
            case byte[] bytes:
                hash.AddBytes(bytes);
                break;
            case null:
                hash.Add(_bits);
                break;
            default:
                hash.Add(_object);
                break;
        }

        return hash.ToHashCode();
    }

    /// <summary>The value in invariant notation: timestamps in ISO 8601, bytes in hex, UUIDs in "D" format.</summary>
    public override string ToString() => Type switch
    {
        TowerType.String => (string)_object!,
        TowerType.Float => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        TowerType.Bool => AsBoolean() ? "true" : "false",
        TowerType.Timestamp => AsDateTimeOffset().ToString("O", CultureInfo.InvariantCulture),
        TowerType.Duration => AsTimeSpan().ToString("c", CultureInfo.InvariantCulture),
        TowerType.Uuid => AsGuid().ToString("D"),
        TowerType.Binary => Convert.ToHexString((byte[])_object!),
        TowerType.BigInt => AsBigInteger().ToString(CultureInfo.InvariantCulture),
        TowerType.Decimal => AsTowerDecimal().ToString(),
        _ => _bits.ToString(CultureInfo.InvariantCulture),
    };
}
