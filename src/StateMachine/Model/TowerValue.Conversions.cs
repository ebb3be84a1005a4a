using System.Numerics;

namespace RaftTower.StateMachine.Model;

public readonly partial struct TowerValue
{
    /// <summary>A string value.</summary>
    public static implicit operator TowerValue(string value) => FromString(value);

    /// <summary>An integer value.</summary>
    public static implicit operator TowerValue(long value) => FromInt(value);

    /// <summary>A double value.</summary>
    public static implicit operator TowerValue(double value) => FromFloat(value);

    /// <summary>A boolean value.</summary>
    public static implicit operator TowerValue(bool value) => FromBool(value);

    /// <summary>A byte-string value.</summary>
    public static implicit operator TowerValue(byte[] value) => FromBytes(value);

    /// <summary>A timestamp value (converted to UTC).</summary>
    public static implicit operator TowerValue(DateTimeOffset value) => FromTimestamp(value);

    /// <summary>A duration value.</summary>
    public static implicit operator TowerValue(TimeSpan value) => FromDuration(value);

    /// <summary>A UUID value.</summary>
    public static implicit operator TowerValue(Guid value) => FromUuid(value);

    /// <summary>A big-integer value.</summary>
    public static implicit operator TowerValue(BigInteger value) => FromBigInt(value);

    /// <summary>A decimal value.</summary>
    public static implicit operator TowerValue(TowerDecimal value) => FromDecimal(value);
}
