using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Report;

/// <summary>Converts the history's clock readings to seconds since the first call of the run.</summary>
internal sealed class Timeline
{
    private readonly long _origin;
    private readonly double _ticksPerSecond;

    public Timeline(RunReport report)
    {
        _ticksPerSecond = report.TicksPerSecond > 0 ? report.TicksPerSecond : 1;
        var starts = report.History.Select(o => o.Call).Concat(report.Nemeses.Select(n => n.Start)).ToList();
        var ends = report.History.Select(o => o.Return ?? o.Call).Concat(report.Nemeses.Select(n => n.End)).ToList();
        _origin = starts.Count == 0 ? 0 : starts.Min();
        Duration = ends.Count == 0 ? 0 : Seconds(ends.Max());
    }

    /// <summary>Seconds from the first call to the last event.</summary>
    public double Duration { get; }

    public double Seconds(long ticks) => (ticks - _origin) / _ticksPerSecond;

    /// <summary>Latency in milliseconds of a completed operation.</summary>
    public double LatencyMs(Operation operation) => (operation.Return!.Value - operation.Call) * 1000.0 / _ticksPerSecond;
}
