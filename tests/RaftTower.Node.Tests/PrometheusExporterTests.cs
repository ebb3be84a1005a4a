using System.Diagnostics.Metrics;
using RaftTower.Node.Admin;

namespace RaftTower.Node.Tests;

public class PrometheusExporterTests
{
    [Fact]
    public void Counters_gauges_and_histograms_render_in_text_format()
    {
        var prefix = "RaftTower.Test" + Guid.NewGuid().ToString("N")[..6];
        using var exporter = new PrometheusExporter(prefix);
        using var meter = new Meter(prefix);
        var counter = meter.CreateCounter<long>("requests", description: "Requests served.");
        var histogram = meter.CreateHistogram<double>("latency", "s");
        meter.CreateObservableGauge("term", () => 7L);

        counter.Add(2, new KeyValuePair<string, object?>("kind", "read"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "read"));
        histogram.Record(0.003);
        histogram.Record(20);

        var text = exporter.Render();
        var name = prefix.ToLowerInvariant().Replace('.', '_');
        Assert.Contains($"# TYPE {name}_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains($"{name}_requests_total{{kind=\"read\"}} 5", text, StringComparison.Ordinal);
        Assert.Contains($"{name}_term 7", text, StringComparison.Ordinal);
        Assert.Contains($"{name}_latency_s_bucket{{le=\"0.005\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"{name}_latency_s_bucket{{le=\"+Inf\"}} 2", text, StringComparison.Ordinal);
        Assert.Contains($"{name}_latency_s_count 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_with_bucket_advice_renders_those_buckets()
    {
        var prefix = "RaftTower.Test" + Guid.NewGuid().ToString("N")[..6];
        using var exporter = new PrometheusExporter(prefix);
        using var meter = new Meter(prefix);
        var sizes = meter.CreateHistogram<int>("batch_size", "requests", null, null, new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 8, 64] });

        sizes.Record(1);
        sizes.Record(5);
        sizes.Record(8);
        sizes.Record(100);

        var text = exporter.Render();
        var name = prefix.ToLowerInvariant().Replace('.', '_') + "_batch_size_requests";
        string[] expected = ["_bucket{le=\"1\"} 1", "_bucket{le=\"8\"} 3", "_bucket{le=\"64\"} 3", "_bucket{le=\"+Inf\"} 4", "_sum 114"];
        Assert.All(expected, line => Assert.Contains(name + line + "\n", text, StringComparison.Ordinal));
        Assert.DoesNotContain($"{name}_bucket{{le=\"0.0001\"}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_outside_the_prefix_are_ignored()
    {
        using var exporter = new PrometheusExporter("RaftTower.Only");
        using var other = new Meter("Someone.Else");
        other.CreateCounter<long>("noise").Add(1);

        Assert.DoesNotContain("noise", exporter.Render(), StringComparison.Ordinal);
    }
}
