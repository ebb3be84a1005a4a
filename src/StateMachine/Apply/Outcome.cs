using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

/// <summary>What a scalar update decided: store a value (or delete the key) and return a result, or fail.</summary>
internal readonly record struct Outcome(ResultStatus Status, TowerValue Store, TowerValue Result, string? Message, bool Delete = false)
{
    /// <summary>Store <paramref name="value"/> and return it (SPEC §4: mutators store and return the new value).</summary>
    public static Outcome Stored(TowerValue value) => new(ResultStatus.Ok, value, value, null);

    /// <summary>Store <paramref name="value"/> and return <paramref name="result"/>.</summary>
    public static Outcome Stored(TowerValue value, TowerValue result) => new(ResultStatus.Ok, value, result, null);

    /// <summary>Delete the key and return <paramref name="result"/>.</summary>
    public static Outcome Deleted(TowerValue result) => new(ResultStatus.Ok, default, result, null, Delete: true);

    /// <summary>Change nothing and return <paramref name="result"/>.</summary>
    public static Outcome Unchanged(TowerValue result) => new(ResultStatus.Ok, default, result, null);

    /// <summary>Fail; nothing changes.</summary>
    public static Outcome Fail(ResultStatus status, string message) => new(status, default, default, message);

    public static Outcome Overflow(string what) => Fail(ResultStatus.Overflow, what + " overflows");

    public static Outcome DivideByZero { get; } = Fail(ResultStatus.DivideByZero, "division by zero");
}
