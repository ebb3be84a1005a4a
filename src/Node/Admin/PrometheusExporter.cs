using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace RaftTower.Node.Admin;

/// <summary>
/// Collects every instrument of the <c>RaftTower.*</c> meters and renders them in the Prometheus text exposition
/// format (version 0.0.4) for <c>/metrics</c>: counters as <c>_total</c>, up-down counters and observable gauges as
/// gauges, histograms as cumulative buckets with <c>_sum</c> and <c>_count</c> (the buckets an instrument's advice names,
/// else latency buckets from 100 µs to 10 s).
/// </summary>
/// <remarks>Thread-safe: measurements arrive from any thread; <see cref="Render"/> may run concurrently with them.</remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] LatencyBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();

    /// <summary>Starts listening to meters whose name starts with <paramref name="meterPrefix"/>.</summary>
    public PrometheusExporter(string meterPrefix = "RaftTower.")
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(meterPrefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The current values in Prometheus text format.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Meter.Name + g.Key.Name, StringComparer.Ordinal))
        {
            var instrument = group.Key;
            var name = MetricName(instrument);
            var kind = Kind(instrument);
            var fullName = kind == "counter" ? name + "_total" : name;
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(fullName).Append(' ').Append(instrument.Description.ReplaceLineEndings(" ")).Append('\n');
            }

            text.Append("# TYPE ").Append(fullName).Append(' ').Append(kind).Append('\n');
            foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                series.Write(text, fullName, key.Labels, kind == "histogram");
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd((instrument, labels), static k => new Series(HistogramBounds(k.Instrument)));
        var cumulative = instrument is Counter<long> or Counter<int> or Counter<double> or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>;
        series.Add(value, cumulative);
    }

    private static double[]? HistogramBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries is { } b ? [.. b] : LatencyBounds,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries is { } b ? [.. b.Select(v => (double)v)] : LatencyBounds,
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries is { } b ? [.. b.Select(v => (double)v)] : LatencyBounds,
        _ => null,
    };

    private static string Kind(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double> => "counter",
        Histogram<long> or Histogram<int> or Histogram<double> => "histogram",
        _ => "gauge",
    };

    private static string MetricName(Instrument instrument)
    {
        var raw = instrument.Meter.Name + "_" + instrument.Name + (string.IsNullOrEmpty(instrument.Unit) ? string.Empty : "_" + instrument.Unit);
        var name = new StringBuilder(raw.Length);
        foreach (var c in raw.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            parts.Add($"{tag.Key.Replace('.', '_')}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private sealed class Series(double[]? bounds)
    {
        private readonly Lock _gate = new();
        private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length];
        private double _value;
        private long _count;

        public void Add(double value, bool cumulative)
        {
            lock (_gate)
            {
                _count++;
                if (_buckets is not null)
                {
                    _value += value;
                    var bucket = Array.FindIndex(bounds!, b => value <= b);
                    if (bucket >= 0)
                    {
                        _buckets[bucket]++;
                    }
                }
                else
                {
                    _value = cumulative ? _value + value : value;
                }
            }
        }

        public void Write(StringBuilder text, string name, string labels, bool isHistogram)
        {
            lock (_gate)
            {
                if (!isHistogram || _buckets is null || bounds is null)
                {
                    text.Append(name).Append(Braces(labels)).Append(' ').Append(Format(_value)).Append('\n');
                    return;
                }

                var baseName = name;
                long running = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    running += _buckets[i];
                    text.Append(baseName).Append("_bucket").Append(Braces(Join(labels, $"le=\"{Format(bounds[i])}\""))).Append(' ').Append(running).Append('\n');
                }

                text.Append(baseName).Append("_bucket").Append(Braces(Join(labels, "le=\"+Inf\""))).Append(' ').Append(_count).Append('\n');
                text.Append(baseName).Append("_sum").Append(Braces(labels)).Append(' ').Append(Format(_value)).Append('\n');
                text.Append(baseName).Append("_count").Append(Braces(labels)).Append(' ').Append(_count).Append('\n');
            }
        }

        private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

        private static string Braces(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
