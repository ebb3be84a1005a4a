using System.Text.Json;

namespace RaftTower.Bench.Load;

/// <summary>The load generator's entry: parse, pick the driver, run, print a table and optionally write JSON.</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        if (!LoadOptions.TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync($"bench: {error}\n{LoadOptions.Usage}").ConfigureAwait(false);
            return 2;
        }

        await using var driver = CreateDriver(options);
        var result = await LoadRunner.RunAsync(driver, options, Console.Out).ConfigureAwait(false);
        Print(result);
        if (options.JsonFile is not null)
        {
            await File.WriteAllTextAsync(options.JsonFile, JsonSerializer.Serialize(result, Indented))
                .ConfigureAwait(false);
        }

        return result.Ops == 0 ? 1 : 0;
    }

    private static IBenchDriver CreateDriver(LoadOptions options) => options.Driver switch
    {
        "etcd" => new EtcdDriver(options.Endpoints, options.Connections),
        _ => new RaftTowerDriver(options.Endpoints, options.Connections, options.Coalesce, options.MaxInFlight, options.ConfirmReads),
    };

    private static void Print(LoadResult r)
    {
        Console.WriteLine();

        // Before the table: scripts take its last row (and a first error after it) from the end of the output.
        if (r.ClientProcess is { } c)
        {
            Console.WriteLine($"load generator: {c.CpuMicrosecondsPerOp:0.0} CPU-us/op, {c.AllocatedBytesPerOp} B allocated/op, GCs {c.Gen0}/{c.Gen1}/{c.Gen2}, GC pause {c.GcPauseMs:0.0} ms, {c.Threads} threads");
        }

        if (r.Coalesce is { } coalesce)
        {
            Console.WriteLine(coalesce
                ? $"rafttower client: coalescing on, beyond {r.MaxInFlight} calls in flight per node"
                : "rafttower client: coalescing off, every call its own Execute");
            Console.WriteLine(r.ConfirmReads == true
                ? "rafttower client: reads sent alone confirmed through a follower (Tower/ConfirmRead, --confirm-reads)"
                : "rafttower client: reads wait for the leader's heartbeat round");
        }

        Console.WriteLine($"{"driver",-10} {"workload",-8} {"clients",7} {"ops",9} {"errors",7} {"ops/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"p99.9 ms",9}");
        Console.WriteLine($"{r.Driver,-10} {r.Workload,-8} {r.Clients,7} {r.Ops,9} {r.Errors,7} {r.Throughput,10:0.0} {r.P50Ms,8:0.000} {r.P90Ms,8:0.000} {r.P99Ms,8:0.000} {r.P999Ms,9:0.000}");
        if (r.FirstError is not null)
        {
            Console.WriteLine($"first error: {r.FirstError}");
        }
    }
}
