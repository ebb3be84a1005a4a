namespace RaftTower.StateMachine.Model;

/// <summary>One point of a time series: a UTC timestamp (100 ns ticks) and its value.</summary>
/// <param name="TimestampTicks">UTC ticks of the point.</param>
/// <param name="Value">The value stored at that time.</param>
public readonly record struct TimeSeriesPoint(long TimestampTicks, TowerValue Value)
{
    /// <summary>The timestamp as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);
}
