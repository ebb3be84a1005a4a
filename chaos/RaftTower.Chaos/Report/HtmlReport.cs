using System.Globalization;
using System.Net;
using System.Text;
using RaftTower.Chaos.Checkers;

namespace RaftTower.Chaos.Report;

/// <summary>
/// Renders report.html: one self-contained page (inline CSS and SVG, no scripts or external assets)
/// with the verdict table, throughput and latency over time with nemesis windows shaded, latency
/// percentiles, and for every failing checker its smallest failing slice as a table and a timeline.
/// </summary>
internal static partial class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}
        td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#f3f3f3}
        .valid{color:#0a7a2f;font-weight:bold}.invalid{color:#b3001b;font-weight:bold}.unknown{color:#b36b00;font-weight:bold}
        .muted{color:#666;font-size:12px}
        """;

    /// <summary>Writes report.html, replacing any previous one.</summary>
    public static void Write(string path, RunReport report) => File.WriteAllText(path, Render(report), Encoding.UTF8);

    /// <summary>The whole page.</summary>
    public static string Render(RunReport report)
    {
        var timeline = new Timeline(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RaftTower chaos: ")
            .Append(Encode(report.Workload)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>RaftTower chaos run: ").Append(Encode(report.Workload)).Append(" — ")
            .Append(report.Passed ? "<span class=\"valid\">PASS</span>" : "<span class=\"invalid\">FAIL</span>").Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{report.History.Count} operations over {timeline.Duration:0.###} s; {report.Nemeses.Count} nemesis window(s). Times are seconds from the first call.</p>");

        AppendVerdicts(html, report.Verdicts);
        html.Append("<h2>Throughput</h2>").Append(ThroughputChart(report, timeline));
        html.Append("<h2>Latency</h2>").Append(LatencyChart(report, timeline));
        AppendPercentiles(html, report);
        AppendNemeses(html, report, timeline);
        foreach (var verdict in report.Verdicts.Where(v => v.Outcome == VerdictOutcome.Invalid && v.FailingSlice.Count > 0))
        {
            html.Append("<h2>Failing slice: ").Append(Encode(verdict.Checker)).Append("</h2>");
            html.Append("<p>").Append(Encode(verdict.Explanation)).Append("</p>");
            html.Append(SliceChart(verdict, timeline));
            AppendSlice(html, verdict, timeline);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
