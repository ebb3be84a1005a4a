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
        .title{font-size:14px;font-weight:bold}.tick{font-size:10px;fill:#555}.end{text-anchor:end}.mid{text-anchor:middle}
        .axis{stroke:#333;stroke-width:1;font-size:11px}.grid{stroke:#e5e5e5}
        .nemesis{fill:#f5c542;opacity:.25}.band{font-size:10px;fill:#7a5b00}
        .slice-window{fill:#ff4d4d;opacity:.15}
        polyline{fill:none;stroke-width:1.5}.line-ok{stroke:#0a7a2f}.line-fail{stroke:#e07b00}.line-info{stroke:#b3001b}
        .line-p50{stroke:#1f5fbf}.line-p99{stroke:#8a2be2}
        .pt-ok{fill:#0a7a2f;opacity:.45}.pt-fail{fill:#e07b00;opacity:.6}.pt-slice{fill:none;stroke:#d0002a;stroke-width:2}
        .bar-ok{fill:#4caf50}.bar-fail{fill:#ff9800}.bar-info{fill:#e53935;opacity:.6}
        .legend.line-ok,.legend.pt-ok{fill:#0a7a2f}.legend.line-fail{fill:#e07b00}.legend.line-info{fill:#b3001b}
        .legend.line-p50{fill:#1f5fbf}.legend.line-p99{fill:#8a2be2}.legend.pt-slice{fill:#d0002a}
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
