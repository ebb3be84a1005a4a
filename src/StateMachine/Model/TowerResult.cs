namespace RaftTower.StateMachine.Model;

/// <summary>The outcome of a command or query: a status, and on success a value, a list of values or of points.</summary>
/// <param name="Status">Ok or the error.</param>
/// <param name="Value">The single result value (null when absent or not applicable).</param>
/// <param name="Items">The values of a whole-collection result (ranges, keys, members), else null.</param>
/// <param name="Points">The points of a time-series range, else null.</param>
/// <param name="Message">A deterministic explanation of an error, else null.</param>
public readonly record struct TowerResult(
    ResultStatus Status,
    TowerValue Value = default,
    IReadOnlyList<TowerValue>? Items = null,
    IReadOnlyList<TimeSeriesPoint>? Points = null,
    string? Message = null)
{
    /// <summary>True for <see cref="ResultStatus.Ok"/>.</summary>
    public bool IsOk => Status == ResultStatus.Ok;

    /// <summary>Success with a value.</summary>
    public static TowerResult Ok(TowerValue value) => new(ResultStatus.Ok, value);

    /// <summary>Success with a list of values.</summary>
    public static TowerResult OfItems(IReadOnlyList<TowerValue> items) => new(ResultStatus.Ok, Items: items);

    /// <summary>Success with time-series points.</summary>
    public static TowerResult OfPoints(IReadOnlyList<TimeSeriesPoint> points) => new(ResultStatus.Ok, Points: points);

    /// <summary>A failure that changed nothing.</summary>
    public static TowerResult Error(ResultStatus status, string message) => new(status, Message: message);
}
