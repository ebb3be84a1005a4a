// The members name the Tower API's types (String, Int, Float, Decimal) on purpose: they are the product's vocabulary.
#pragma warning disable CA1720

namespace RaftTower.StateMachine.Model;

/// <summary>How one argument of a command is encoded and what <see cref="TowerValue"/> type it decodes to.</summary>
public enum ArgKind : byte
{
    /// <summary>A UTF-8 string (String).</summary>
    String,

    /// <summary>A string or null (String or None).</summary>
    NullableString,

    /// <summary>A 64-bit integer (Int).</summary>
    Int,

    /// <summary>A double (Float).</summary>
    Float,

    /// <summary>A boolean (Bool).</summary>
    Bool,

    /// <summary>UTC ticks (Timestamp).</summary>
    Timestamp,

    /// <summary>Ticks (Duration).</summary>
    Duration,

    /// <summary>A UUID (Uuid).</summary>
    Uuid,

    /// <summary>A byte string within the value limit (Binary).</summary>
    Binary,

    /// <summary>A big integer (BigInt).</summary>
    BigInt,

    /// <summary>A decimal (Decimal).</summary>
    Decimal,

    /// <summary>Another key, within the key limit (Binary).</summary>
    Key,

    /// <summary>Any typed value (type tag + payload).</summary>
    Value,
}
