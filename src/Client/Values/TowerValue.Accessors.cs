using System.Numerics;

namespace RaftTower.Client;

/// <summary>Typed accessors: each throws <see cref="InvalidCastException"/> when the value holds another type.</summary>
public readonly partial struct TowerValue
{
    /// <summary>The string.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.String"/>.</exception>
    public string AsString() => (string)Expect(TowerType.String)._object!;

    /// <summary>The integer.</summary>
    /// <exception cref="InvalidCastException">The value is not an <see cref="TowerType.Int"/>.</exception>
    public long AsInt64() => Expect(TowerType.Int)._bits;

    /// <summary>The float.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Float"/>.</exception>
    public double AsDouble() => BitConverter.Int64BitsToDouble(Expect(TowerType.Float)._bits);

    /// <summary>The bool.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Bool"/>.</exception>
    public bool AsBoolean() => Expect(TowerType.Bool)._bits != 0;

    /// <summary>The timestamp (UTC).</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Timestamp"/>.</exception>
    public DateTimeOffset AsDateTimeOffset() => new(Expect(TowerType.Timestamp)._bits, TimeSpan.Zero);

    /// <summary>The duration.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Duration"/>.</exception>
    public TimeSpan AsTimeSpan() => new(Expect(TowerType.Duration)._bits);

    /// <summary>The UUID.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Uuid"/>.</exception>
    public Guid AsGuid() => (Guid)Expect(TowerType.Uuid)._object!;

    /// <summary>The bytes (read-only view, no copy).</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Binary"/>.</exception>
    public ReadOnlyMemory<byte> AsBytes() => (byte[])Expect(TowerType.Binary)._object!;

    /// <summary>The big integer.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.BigInt"/>.</exception>
    public BigInteger AsBigInteger() => (BigInteger)Expect(TowerType.BigInt)._object!;

    /// <summary>The decimal.</summary>
    /// <exception cref="InvalidCastException">The value is not a <see cref="TowerType.Decimal"/>.</exception>
    public TowerDecimal AsTowerDecimal() => (TowerDecimal)Expect(TowerType.Decimal)._object!;

    private TowerValue Expect(TowerType type) =>
        Type == type ? this : throw new InvalidCastException($"the value is a {Type}, not a {type}");
}
