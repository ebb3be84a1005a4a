using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Report;

/// <summary>Everything a run's report shows.</summary>
/// <param name="Workload">The workload name.</param>
/// <param name="History">Every operation of the run.</param>
/// <param name="Verdicts">One verdict per checker.</param>
/// <param name="Nemeses">Fault windows, possibly none.</param>
/// <param name="TicksPerSecond">Frequency of the history's clock (Stopwatch.Frequency when the harness recorded it).</param>
internal sealed record RunReport(
    string Workload,
    IReadOnlyList<Operation> History,
    IReadOnlyList<Verdict> Verdicts,
    IReadOnlyList<NemesisWindow> Nemeses,
    long TicksPerSecond)
{
    /// <summary>True only when every checker passed (unknown does not pass).</summary>
    public bool Passed => Verdicts.Count > 0 && Verdicts.All(v => v.Passed);
}
