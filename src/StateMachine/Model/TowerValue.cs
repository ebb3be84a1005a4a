using System.Globalization;
using System.Numerics;

namespace RaftTower.StateMachine.Model;

/// <summary>
/// A typed primitive: the element type of lists, map fields and values, and time-series points, and the value of
/// a command argument or result. Typed, so <c>42L</c> and <c>"42"</c> are different values.
/// </summary>
/// <remarks>The default value has <see cref="Type"/> <see cref="TowerType.None"/> and stands for null.
/// Floats compare bit-exactly; byte strings by content.</remarks>
public readonly partial struct TowerValue : IEquatable<TowerValue>
{
    private readonly long _bits;
    private readonly object? _ref;

    private TowerValue(TowerType type, long bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>The value's type; <see cref="TowerType.None"/> for null.</summary>
    public TowerType Type { get; }

    /// <summary>True for the null value.</summary>
    public bool IsNull => Type == TowerType.None;

    /// <summary>The null value.</summary>
    public static TowerValue Null => default;

    /// <summary>A string value.</summary>
    public static TowerValue FromString(string value) => new(TowerType.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A 64-bit integer value.</summary>
    public static TowerValue FromInt(long value) => new(TowerType.Int, value, null);

    /// <summary>A double value (kept bit-exactly).</summary>
    public static TowerValue FromFloat(double value) => new(TowerType.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A boolean value.</summary>
    public static TowerValue FromBool(bool value) => new(TowerType.Bool, value ? 1 : 0, null);

    /// <summary>A timestamp from UTC ticks.</summary>
    public static TowerValue FromTimestampTicks(long utcTicks) => new(TowerType.Timestamp, utcTicks, null);

    /// <summary>A timestamp (converted to UTC).</summary>
    public static TowerValue FromTimestamp(DateTimeOffset value) => FromTimestampTicks(value.UtcTicks);

    /// <summary>A duration from ticks.</summary>
    public static TowerValue FromDurationTicks(long ticks) => new(TowerType.Duration, ticks, null);

    /// <summary>A duration.</summary>
    public static TowerValue FromDuration(TimeSpan value) => FromDurationTicks(value.Ticks);

    /// <summary>A UUID value.</summary>
    public static TowerValue FromUuid(Guid value) => new(TowerType.Uuid, 0, value);

    /// <summary>A byte-string value (the array is kept, not copied).</summary>
    public static TowerValue FromBytes(byte[] value) => new(TowerType.Binary, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A big-integer value.</summary>
    public static TowerValue FromBigInt(BigInteger value) => new(TowerType.BigInt, 0, value);

    /// <summary>A decimal value.</summary>
    public static TowerValue FromDecimal(TowerDecimal value) => new(TowerType.Decimal, 0, value);

    /// <summary>The string; throws unless <see cref="Type"/> is String.</summary>
    public string AsString()
    {
        Expect(TowerType.String);
        return (string)_ref!;
    }

    /// <summary>The integer; throws unless <see cref="Type"/> is Int.</summary>
    public long AsInt()
    {
        Expect(TowerType.Int);
        return _bits;
    }

    /// <summary>The double; throws unless <see cref="Type"/> is Float.</summary>
    public double AsFloat()
    {
        Expect(TowerType.Float);
        return BitConverter.Int64BitsToDouble(_bits);
    }

    /// <summary>The boolean; throws unless <see cref="Type"/> is Bool.</summary>
    public bool AsBool()
    {
        Expect(TowerType.Bool);
        return _bits != 0;
    }

    /// <summary>The UTC ticks of a timestamp; throws unless <see cref="Type"/> is Timestamp.</summary>
    public long AsTimestampTicks()
    {
        Expect(TowerType.Timestamp);
        return _bits;
    }

    /// <summary>The timestamp as UTC; throws unless <see cref="Type"/> is Timestamp.</summary>
    public DateTimeOffset AsTimestamp() => new(AsTimestampTicks(), TimeSpan.Zero);

    /// <summary>The ticks of a duration; throws unless <see cref="Type"/> is Duration.</summary>
    public long AsDurationTicks()
    {
        Expect(TowerType.Duration);
        return _bits;
    }

    /// <summary>The duration; throws unless <see cref="Type"/> is Duration.</summary>
    public TimeSpan AsDuration() => TimeSpan.FromTicks(AsDurationTicks());

    /// <summary>The UUID; throws unless <see cref="Type"/> is Uuid.</summary>
    public Guid AsUuid()
    {
        Expect(TowerType.Uuid);
        return (Guid)_ref!;
    }

    /// <summary>The bytes (not copied); throws unless <see cref="Type"/> is Binary.</summary>
    public byte[] AsBytes()
    {
        Expect(TowerType.Binary);
        return (byte[])_ref!;
    }

    /// <summary>The big integer; throws unless <see cref="Type"/> is BigInt.</summary>
    public BigInteger AsBigInt()
    {
        Expect(TowerType.BigInt);
        return (BigInteger)_ref!;
    }

    /// <summary>The decimal; throws unless <see cref="Type"/> is Decimal.</summary>
    public TowerDecimal AsDecimal()
    {
        Expect(TowerType.Decimal);
        return (TowerDecimal)_ref!;
    }

    /// <inheritdoc />
    public bool Equals(TowerValue other) => Type == other.Type && Type switch
    {
        TowerType.None => true,
        TowerType.Binary => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
        TowerType.String or TowerType.Uuid or TowerType.BigInt or TowerType.Decimal => Equals(_ref, other._ref),
        _ => _bits == other._bits,
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TowerValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Type switch
    {
        TowerType.Binary => HashCode.Combine(Type, ((byte[])_ref!).Length),
        TowerType.String or TowerType.Uuid or TowerType.BigInt or TowerType.Decimal => HashCode.Combine(Type, _ref),
        _ => HashCode.Combine(Type, _bits),
    };

    /// <summary>Value equality.</summary>
    public static bool operator ==(TowerValue left, TowerValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(TowerValue left, TowerValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        TowerType.None => "null",
        TowerType.String => "\"" + (string)_ref! + "\"",
        TowerType.Int => _bits.ToString(CultureInfo.InvariantCulture) + "L",
        TowerType.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
        TowerType.Bool => _bits != 0 ? "true" : "false",
        TowerType.Timestamp => AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
        TowerType.Duration => AsDuration().ToString("c", CultureInfo.InvariantCulture),
        TowerType.Binary => "0x" + Convert.ToHexString((byte[])_ref!),
        _ => Convert.ToString(_ref, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private void Expect(TowerType type)
    {
        if (Type != type)
        {
            throw new InvalidOperationException($"The value is {Type}, not {type}.");
        }
    }
}
