using RaftTower.Chaos.History;
using RaftTower.Chaos.Report;

namespace RaftTower.Chaos.Runner;

/// <summary>Runs a workload's checkers over a history and writes results.json and report.html (shared by run and check).</summary>
internal static class Judgement
{
    /// <summary>0 when every verdict is valid, 1 otherwise, 2 when no checker applies to the history.</summary>
    public static int Judge(string workload, IReadOnlyList<Operation> history, IReadOnlyList<NemesisWindow> nemeses, long ticksPerSecond, string outDir, TextWriter output)
    {
        var checkers = Checkers.Workloads.CheckersFor(workload)!.Where(c => c.AppliesTo(history)).ToList();
        if (checkers.Count == 0)
        {
            output.WriteLine($"the history has no operations that the {workload} workload's checkers judge");
            return 2;
        }

        var verdicts = checkers.Select(c => c.Check(history)).ToList();
        var report = new RunReport(workload, history, verdicts, nemeses, ticksPerSecond);
        Directory.CreateDirectory(outDir);
        ResultsJson.Write(Path.Combine(outDir, "results.json"), report);
        HtmlReport.Write(Path.Combine(outDir, "report.html"), report);
        foreach (var verdict in verdicts)
        {
            output.WriteLine($"{verdict.Checker,-16} {verdict.Outcome.ToString().ToLowerInvariant(),-8} {verdict.Operations,8} ops  {verdict.Explanation}");
        }

        output.WriteLine($"{(report.Passed ? "PASS" : "FAIL")}: results in {Path.Combine(outDir, "results.json")}, report in {Path.Combine(outDir, "report.html")}");
        return report.Passed ? 0 : 1;
    }
}
