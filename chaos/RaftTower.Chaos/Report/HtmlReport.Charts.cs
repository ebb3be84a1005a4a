using System.Globalization;
using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Report;

/// <summary>The SVG charts of <see cref="HtmlReport"/>.</summary>
internal static partial class HtmlReport
{
    private const int Buckets = 60;
    private const int MaxScatterPoints = 6000;

    private static string ThroughputChart(RunReport report, Timeline timeline)
    {
        var width = BucketWidth(timeline);
        var ok = Rate(report.History.Where(o => o.IsOk).Select(o => timeline.Seconds(o.Return!.Value)), width);
        var failed = Rate(report.History.Where(o => o.IsFailed).Select(o => timeline.Seconds(o.Return!.Value)), width);
        var indeterminate = Rate(report.History.Where(o => o.IsIndeterminate).Select(o => timeline.Seconds(o.Call)), width);
        var chart = new SvgChart("Completed operations per second", 0, timeline.Duration, new[] { ok, failed, indeterminate }.SelectMany(r => r).DefaultIfEmpty().Max(p => p.Y) * 1.1, "ops/s");
        Shade(chart, report, timeline);
        chart.Polyline(ok, "line-ok", "ok");
        chart.Polyline(failed, "line-fail", "failed (ok=false)");
        chart.Polyline(indeterminate, "line-info", "indeterminate (by call time)");
        chart.Legend(("line-ok", "ok"), ("line-fail", "failed"), ("line-info", "indeterminate"));
        return chart.ToSvg();
    }

    private static string LatencyChart(RunReport report, Timeline timeline)
    {
        var completed = report.History.Where(o => o.Return is not null).OrderBy(o => o.Call).ToList();
        var latencies = completed.Select(timeline.LatencyMs).Order().ToList();
        var yMax = latencies.Count == 0 ? 1 : latencies[^1] * 1.05;
        var chart = new SvgChart("Latency by call time; p50, p99 per interval", 0, timeline.Duration, yMax, "ms");
        Shade(chart, report, timeline);
        var stride = Math.Max(1, completed.Count / MaxScatterPoints);
        for (var i = 0; i < completed.Count; i += stride)
        {
            var op = completed[i];
            chart.Point(timeline.Seconds(op.Call), timeline.LatencyMs(op), op.IsOk ? "pt-ok" : "pt-fail");
        }

        var width = BucketWidth(timeline);
        var byBucket = completed.GroupBy(o => (int)(timeline.Seconds(o.Call) / width)).OrderBy(g => g.Key)
            .Select(g => (X: (g.Key + 0.5) * width, Latencies: g.Select(timeline.LatencyMs).Order().ToList())).ToList();
        chart.Polyline(byBucket.Select(b => (b.X, Percentile(b.Latencies, 0.50))), "line-p50", "p50");
        chart.Polyline(byBucket.Select(b => (b.X, Percentile(b.Latencies, 0.99))), "line-p99", "p99");
        foreach (var op in report.Verdicts.SelectMany(v => v.FailingSlice))
        {
            // Slice operations are marked on the timeline; indeterminate ones sit at the top edge.
            chart.Point(timeline.Seconds(op.Call), op.Return is null ? yMax : timeline.LatencyMs(op), "pt-slice", OpTooltip(op));
        }

        chart.Legend(("pt-ok", "ok"), ("line-p50", "p50"), ("line-p99", "p99"), ("pt-slice", "failing slice"));
        return chart.ToSvg();
    }

    // The slice as intervals, one row per client, on its own zoomed time axis.
    private static string SliceChart(Verdict verdict, Timeline timeline)
    {
        var slice = verdict.FailingSlice;
        var from = slice.Min(o => timeline.Seconds(o.Call));
        var to = slice.Max(o => timeline.Seconds(o.Return ?? o.Call));
        var margin = Math.Max((to - from) * 0.05, 1e-6);
        var end = to + (margin * 4);
        var clients = slice.Select(o => o.Client).Distinct().Order().ToList();
        var chart = new SvgChart($"Failing slice of {verdict.Checker}, by client (red: indeterminate)", from - margin, end, clients.Count, "client",
            [.. clients.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        foreach (var op in slice)
        {
            var row = clients.IndexOf(op.Client);
            var cssClass = op.IsIndeterminate ? "bar-info" : op.IsOk ? "bar-ok" : "bar-fail";
            var stop = op.Return is null ? end : timeline.Seconds(op.Return.Value);
            chart.Bar(timeline.Seconds(op.Call), stop, row, cssClass, OpTooltip(op));
            chart.Label(timeline.Seconds(op.Call), row, $"c{op.Client} {ShortText(op)}");
        }

        return chart.ToSvg();
    }

    private static void Shade(SvgChart chart, RunReport report, Timeline timeline)
    {
        foreach (var nemesis in report.Nemeses)
        {
            chart.Band(timeline.Seconds(nemesis.Start), timeline.Seconds(nemesis.End), nemesis.Name);
        }
    }

    private static double BucketWidth(Timeline timeline) => Math.Max(timeline.Duration / Buckets, 1e-3);

    private static List<(double X, double Y)> Rate(IEnumerable<double> times, double width)
    {
        var counts = new int[Buckets];
        foreach (var t in times)
        {
            counts[Math.Clamp((int)(t / width), 0, Buckets - 1)]++;
        }

        return [.. counts.Select((c, i) => ((i + 0.5) * width, c / width))];
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string OpTooltip(Operation op) =>
        op.Kind.IsRegisterOp() ? Checkers.Linearizability.LinearizabilityChecker.Describe(op) : OperationText.Describe(op);

    private static string ShortText(Operation op) => op.Kind switch
    {
        OpKind.Get or OpKind.SetMembers or OpKind.ListRange => $"{op.Op}→{op.Output ?? "∅"}",
        OpKind.Cas => $"cas {op.Expected ?? "∅"}→{op.Value ?? "∅"}",
        _ => $"{op.Op} {op.Value}",
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
