// The members name the Tower API's types (String, Int, Float, Decimal) on purpose: they are the product's vocabulary.
#pragma warning disable CA1720

namespace RaftTower.StateMachine.Model;

/// <summary>The type of a stored key or of a <see cref="TowerValue"/>; the numeric values are part of the wire and store format.</summary>
public enum TowerType : byte
{
    /// <summary>No value (absent key, null result).</summary>
    None = 0,

    /// <summary>UTF-8 string.</summary>
    String = 1,

    /// <summary>64-bit signed integer.</summary>
    Int = 2,

    /// <summary>IEEE 754 double, stored bit-exactly.</summary>
    Float = 3,

    /// <summary>Boolean.</summary>
    Bool = 4,

    /// <summary>UTC timestamp in 100 ns ticks.</summary>
    Timestamp = 5,

    /// <summary>Duration in 100 ns ticks.</summary>
    Duration = 6,

    /// <summary>UUID.</summary>
    Uuid = 7,

    /// <summary>Byte string.</summary>
    Binary = 8,

    /// <summary>Arbitrary-precision integer.</summary>
    BigInt = 9,

    /// <summary>Arbitrary-precision decimal (<see cref="TowerDecimal"/>).</summary>
    Decimal = 10,

    /// <summary>List of <see cref="TowerValue"/>.</summary>
    List = 16,

    /// <summary>Map from <see cref="TowerValue"/> to <see cref="TowerValue"/>.</summary>
    Map = 17,

    /// <summary>Set of strings.</summary>
    Set = 18,

    /// <summary>Time series of (timestamp, <see cref="TowerValue"/>) points.</summary>
    TimeSeries = 19,

    /// <summary>Bloom filter of strings.</summary>
    BloomFilter = 20,
}
