namespace RaftTower.Client;

/// <summary>One sample of a time series.</summary>
/// <param name="Timestamp">When (UTC, 100 ns precision).</param>
/// <param name="Value">The sample.</param>
public readonly record struct TimeSeriesPoint(DateTimeOffset Timestamp, TowerValue Value);
