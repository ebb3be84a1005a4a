using System.Diagnostics;
using System.Globalization;

namespace RaftTower.Bench.Load;

/// <summary>
/// Drives one system with N concurrent clients for a fixed duration (after a warm-up that is not measured) and
/// records every operation's latency. Bounded: every client stops at the deadline; a call still in flight then is
/// cancelled and not counted.
/// </summary>
internal static class LoadRunner
{
    private const int HotKeys = 8;

    public static async Task<LoadResult> RunAsync(IBenchDriver driver, LoadOptions options, TextWriter progress)
    {
        var value = new byte[options.ValueSize];
        new Random(42).NextBytes(value);
        if (options.Workload is LoadWorkload.Get or LoadWorkload.Mixed)
        {
            await PreloadAsync(driver, options, value, progress).ConfigureAwait(false);
        }

        if (options.Warmup > TimeSpan.Zero)
        {
            progress.WriteLine($"warm-up {options.Warmup.TotalSeconds:0}s ...");
            await RunPhaseAsync(driver, options, value, options.Warmup).ConfigureAwait(false);
        }

        progress.WriteLine($"measuring {options.Duration.TotalSeconds:0}s with {options.Clients} clients ...");
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        var workers = await RunPhaseAsync(driver, options, value, options.Duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var errors = workers.Sum(w => w.Errors);
        return new LoadResult(
            driver.Name,
            Name(options.Workload),
            options.Clients,
            Math.Round(elapsed, 3),
            latencies.Length,
            errors,
            Math.Round(latencies.Length / elapsed, 1),
            Math.Round(LoadResult.Percentile(latencies, 0.50), 3),
            Math.Round(LoadResult.Percentile(latencies, 0.90), 3),
            Math.Round(LoadResult.Percentile(latencies, 0.99), 3),
            Math.Round(LoadResult.Percentile(latencies, 0.999), 3),
            Math.Round(LoadResult.Percentile(latencies, 1.0), 3),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null))
        {
            Coalesce = driver is RaftTowerDriver ? options.Coalesce : null,
            MaxInFlight = driver is RaftTowerDriver ? options.MaxInFlight : null,
            ConfirmReads = driver is RaftTowerDriver ? options.ConfirmReads : null,
            ClientProcess = new ClientProcessStats(
                Math.Round(cpu.TotalMicroseconds / Math.Max(1, latencies.Length), 1),
                (GC.GetTotalAllocatedBytes() - allocatedBefore) / Math.Max(1, latencies.Length),
                GC.CollectionCount(0) - gen0,
                GC.CollectionCount(1) - gen1,
                GC.CollectionCount(2) - gen2,
                Math.Round((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, 1),
                process.Threads.Count),
        };
    }

    /// <summary>The workload's name on the command line.</summary>
    public static string Name(LoadWorkload workload) => workload switch
    {
        LoadWorkload.HotAdd => "hot-add",
        _ => workload.ToString().ToLowerInvariant(),
    };

    /// <summary>A 16-byte key.</summary>
    public static string Key(int index) => string.Create(CultureInfo.InvariantCulture, $"bench{index:D11}");

    private static async Task PreloadAsync(IBenchDriver driver, LoadOptions options, byte[] value, TextWriter progress)
    {
        progress.WriteLine($"preloading {options.Keys} keys ...");
        var next = -1;
        var loaders = Enumerable.Range(0, Math.Min(64, options.Keys)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < options.Keys)
            {
                await driver.PutAsync(Key(index), value, CancellationToken.None).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(loaders).ConfigureAwait(false);
    }

    private static async Task<Worker[]> RunPhaseAsync(IBenchDriver driver, LoadOptions options, byte[] value, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, options.Clients).Select(i => new Worker(i)).ToArray();
        await Task.WhenAll(workers.Select(w => w.RunAsync(driver, options, value, stop.Token))).ConfigureAwait(false);
        return workers;
    }

    private sealed class Worker(int id)
    {
        private readonly Random _random = new(id);

        // Below the large-object threshold (85,000 bytes): 256 workers × 128 KiB used to land 32 MiB on the LOH per phase and set
        // off gen2 collections in the load generator while it measured.
        public List<long> Latencies { get; } = new(1 << 12);

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync(IBenchDriver driver, LoadOptions options, byte[] value, CancellationToken stop)
        {
            await Task.Yield();
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await Operation(driver, options, value, stop).ConfigureAwait(false);
                    Latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Errors++;
                    FirstError ??= e.Message;
                }
            }
        }

        private Task Operation(IBenchDriver driver, LoadOptions options, byte[] value, CancellationToken stop) => options.Workload switch
        {
            LoadWorkload.Put => driver.PutAsync(Key(_random.Next(options.Keys)), value, stop),
            LoadWorkload.Get => driver.GetAsync(Key(_random.Next(options.Keys)), stop),
            LoadWorkload.Mixed when _random.Next(2) == 0 => driver.PutAsync(Key(_random.Next(options.Keys)), value, stop),
            LoadWorkload.Mixed => driver.GetAsync(Key(_random.Next(options.Keys)), stop),
            _ => driver.AddAsync(string.Create(CultureInfo.InvariantCulture, $"hot{_random.Next(HotKeys):D13}"), 1, stop),
        };
    }
}
