namespace RaftTower.Client;

/// <summary>The type of the value stored under a key, as <see cref="TowerClient.TypeOfAsync"/> reports it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are RaftTower's type families (SPEC §3), as in tower.proto.")]
public enum TowerType
{
    /// <summary>A UTF-8 string.</summary>
    String = 1,

    /// <summary>A 64-bit signed integer.</summary>
    Int = 2,

    /// <summary>A 64-bit IEEE 754 floating point number.</summary>
    Float = 3,

    /// <summary>A boolean.</summary>
    Bool = 4,

    /// <summary>A UTC timestamp with 100 ns precision.</summary>
    Timestamp = 5,

    /// <summary>A duration with 100 ns precision.</summary>
    Duration = 6,

    /// <summary>A UUID.</summary>
    Uuid = 7,

    /// <summary>A byte string.</summary>
    Binary = 8,

    /// <summary>An arbitrary-precision integer.</summary>
    BigInt = 9,

    /// <summary>An arbitrary-precision decimal (<see cref="TowerDecimal"/>).</summary>
    Decimal = 10,

    /// <summary>A list of <see cref="TowerValue"/>.</summary>
    List = 11,

    /// <summary>A map from <see cref="TowerValue"/> to <see cref="TowerValue"/>.</summary>
    Map = 12,

    /// <summary>A set of strings.</summary>
    Set = 13,

    /// <summary>A time series of <see cref="TimeSeriesPoint"/>.</summary>
    TimeSeries = 14,

    /// <summary>A bloom filter of strings.</summary>
    BloomFilter = 15,
}
