using System.Text.Json.Serialization;

namespace RaftTower.Bench.Load;

/// <summary>The outcome of one load run, as printed and as written with <c>--json</c>.</summary>
internal sealed record LoadResult(
    [property: JsonPropertyName("driver")] string Driver,
    [property: JsonPropertyName("workload")] string Workload,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("ops")] long Ops,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("throughput")] double Throughput,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p90_ms")] double P90Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("p999_ms")] double P999Ms,
    [property: JsonPropertyName("max_ms")] double MaxMs,
    [property: JsonPropertyName("first_error")] string? FirstError)
{
    /// <summary>
    /// The load generator's own cost during the measured phase: CPU microseconds per operation, gen0/gen1/gen2
    /// collections, GC pause and threads at the end. On a shared 2-core machine the client's CPU is CPU the servers
    /// do not get, so it is recorded next to the result.
    /// </summary>
    [JsonPropertyName("client_process")]
    public ClientProcessStats? ClientProcess { get; init; }

    /// <summary>The RaftTower client's <c>CoalesceCalls</c> (<c>--no-coalesce</c> makes it false); null for etcd.</summary>
    [JsonPropertyName("coalesce")]
    public bool? Coalesce { get; init; }

    /// <summary>The RaftTower client's <c>MaxCallsInFlightPerNode</c> (<c>--max-in-flight</c>); null for etcd.</summary>
    [JsonPropertyName("max_in_flight")]
    public int? MaxInFlight { get; init; }

    /// <summary>The RaftTower client's <c>ConfirmReadsThroughFollower</c> (<c>--confirm-reads</c> makes it true); null for etcd.</summary>
    [JsonPropertyName("confirm_reads")]
    public bool? ConfirmReads { get; init; }

    /// <summary>The percentile (0..1) of sorted latencies in Stopwatch ticks, in milliseconds (nearest rank).</summary>
    public static double Percentile(long[] sortedTicks, double quantile)
    {
        if (sortedTicks.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}

/// <summary>The load generator process's cost over the measured phase of a run.</summary>
internal sealed record ClientProcessStats(
    [property: JsonPropertyName("cpu_us_per_op")] double CpuMicrosecondsPerOp,
    [property: JsonPropertyName("alloc_bytes_per_op")] long AllocatedBytesPerOp,
    [property: JsonPropertyName("gen0")] int Gen0,
    [property: JsonPropertyName("gen1")] int Gen1,
    [property: JsonPropertyName("gen2")] int Gen2,
    [property: JsonPropertyName("gc_pause_ms")] double GcPauseMs,
    [property: JsonPropertyName("threads")] int Threads);
