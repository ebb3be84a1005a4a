using System.Globalization;
using System.Text;
using RaftTower.Chaos.Checkers;

namespace RaftTower.Chaos.Report;

/// <summary>The HTML tables of <see cref="HtmlReport"/>.</summary>
internal static partial class HtmlReport
{
    private static void AppendVerdicts(StringBuilder html, IReadOnlyList<Verdict> verdicts)
    {
        html.Append("<h2>Verdicts</h2><table><tr><th>checker</th><th>verdict</th><th>ops</th><th>explanation</th></tr>");
        foreach (var verdict in verdicts)
        {
            var outcome = verdict.Outcome.ToString().ToLowerInvariant();
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(verdict.Checker)}</td><td class=\"{outcome}\">{outcome}</td><td>{verdict.Operations}</td><td>{Encode(verdict.Explanation)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendPercentiles(StringBuilder html, RunReport report)
    {
        var timeline = new Timeline(report);
        html.Append("<table><tr><th>op</th><th>ok</th><th>failed</th><th>indeterminate</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
        foreach (var group in report.History.GroupBy(o => o.Op, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latencies = group.Where(o => o.Return is not null).Select(timeline.LatencyMs).Order().ToList();
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(group.Key)}</td><td>{group.Count(o => o.IsOk)}</td><td>{group.Count(o => o.IsFailed)}</td><td>{group.Count(o => o.IsIndeterminate)}</td>");
            foreach (var quantile in new[] { 0.5, 0.9, 0.99, 0.999, 1.0 })
            {
                html.Append("<td>").Append(Number(Percentile(latencies, quantile))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void AppendNemeses(StringBuilder html, RunReport report, Timeline timeline)
    {
        if (report.Nemeses.Count == 0)
        {
            return;
        }

        html.Append("<h2>Nemesis windows</h2><table><tr><th>fault</th><th>start s</th><th>end s</th></tr>");
        foreach (var nemesis in report.Nemeses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(nemesis.Name)}</td><td>{timeline.Seconds(nemesis.Start):0.###}</td><td>{timeline.Seconds(nemesis.End):0.###}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendSlice(StringBuilder html, Verdict verdict, Timeline timeline)
    {
        html.Append("<table class=\"slice\"><tr><th>client</th><th>op</th><th>key</th><th>value</th><th>expected</th><th>output</th><th>ok</th><th>call s</th><th>return s</th></tr>");
        foreach (var op in verdict.FailingSlice.OrderBy(o => o.Call))
        {
            var ok = op.Ok is { } value ? (value ? "true" : "false") : "indeterminate";
            var ret = op.Return is { } r ? timeline.Seconds(r).ToString("0.######", CultureInfo.InvariantCulture) : "—";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{op.Client}</td><td>{Encode(op.Op)}</td><td>{Encode(op.Key)}</td><td>{Show(op.Value)}</td><td>{Show(op.Expected)}</td><td>{Show(op.Output)}</td><td>{ok}</td><td>{timeline.Seconds(op.Call):0.######}</td><td>{ret}</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Show(string? value) => value is null ? "<i>null</i>" : Encode(value);
}
