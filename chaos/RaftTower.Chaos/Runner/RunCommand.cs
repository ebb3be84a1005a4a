using System.Diagnostics;
using System.Globalization;
using RaftTower.Chaos.Backends;
using RaftTower.Chaos.History;
using RaftTower.Chaos.Nemesis;
using RaftTower.Chaos.Workloads;
using RaftTower.Client;

namespace RaftTower.Chaos.Runner;

/// <summary>
/// A whole run: start the cluster, drive the workload with N logical clients while the nemesis plays its schedule,
/// heal, let the cluster settle, run the final reads, stop the cluster, then write and judge the history. Exit 0 only
/// when every checker passes; 1 when one fails; 2 for bad arguments or a cluster that never came up.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] NodeArguments =
    [
        "--election-timeout-ms", "600", "--heartbeat-ms", "60", "--snapshot-interval", "2000",
        "--memory-budget", (64L << 20).ToString(CultureInfo.InvariantCulture),
    ];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RunOptions? options;
        string problem;
        try
        {
            options = RunOptions.Parse(args, out problem);
        }
        catch (FormatException e)
        {
            (options, problem) = (null, e.Message);
        }

        if (options is null)
        {
            error.WriteLine($"run: {problem}");
            error.WriteLine($"usage: {RunOptions.Usage}");
            return 2;
        }

        return RunAsync(options, output, error).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(RunOptions options, TextWriter output, TextWriter error)
    {
        Directory.CreateDirectory(options.Out);
        var workload = WorkloadFactory.Create(options.Workload)!;
        var recorder = new HistoryRecorder();
        output.WriteLine($"run: {options.Workload}, {options.Nodes} nodes, nemesis [{string.Join(',', options.Nemeses!).ToLowerInvariant()}], {options.TimeLimitSeconds} s, seed {options.Seed}{(options.ConfirmReads ? ", reads confirmed through followers" : string.Empty)}");
        await using var cluster = ClusterFactory.Create(options.Backend, options.Nodes, options.Out, NodeArguments);
        try
        {
            await cluster.StartAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            error.WriteLine($"run: {e.Message} under {Path.Combine(options.Out, "logs")}");
            return 2;
        }
        catch (DockerSetupException e)
        {
            error.WriteLine($"run: {e.Message}");
            return 2;
        }

        var nemesis = new NemesisRunner(cluster, output, options.Seed);
        var timeLimit = TimeSpan.FromSeconds(options.TimeLimitSeconds);
        var schedule = NemesisSchedule.Generate(options.Nemeses!, timeLimit, options.Seed);
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource(timeLimit);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(i => WorkerAsync(i, options, cluster, recorder, workload, stop.Token))
            .ToList();
        await nemesis.RunAsync(schedule, started, stop.Token).ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);

        // Heal, settle, then the final reads through a client of its own.
        await cluster.HealAllAsync().ConfigureAwait(false);
        var leader = await cluster.LeaderAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        output.WriteLine($"run: workload done after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; leader after healing: {(leader is { } l ? $"n{l}" : "none")}");
        await using (var reader = new RecordingClient(options.Concurrency, CreateClient(cluster, options.ConfirmReads), recorder))
        {
            if (!await workload.FinalReadsAsync(reader).ConfigureAwait(false))
            {
                output.WriteLine("run: some final reads did not succeed within 30 s");
            }
        }

        await cluster.StopAsync().ConfigureAwait(false);
        var history = recorder.Snapshot();
        HistoryWriter.WriteFile(Path.Combine(options.Out, "history.jsonl"), history);
        var code = Judgement.Judge(options.Workload, history, nemesis.Windows, Stopwatch.Frequency, options.Out, output);
        if (code == 0)
        {
            // The data directories only matter for a failure's post-mortem; the logs stay either way.
            Directory.Delete(Path.Combine(options.Out, "data"), recursive: true);
        }

        return code;
    }

    private static async Task WorkerAsync(int id, RunOptions options, IChaosCluster cluster, HistoryRecorder recorder, IWorkload workload, CancellationToken stop)
    {
        await Task.Yield();
        var random = new Random(HashCode.Combine(options.Seed, id));
        var interval = TimeSpan.FromSeconds(options.Concurrency / options.Rate);
        await using var client = new RecordingClient(id, CreateClient(cluster, options.ConfirmReads), recorder);
        while (!stop.IsCancellationRequested)
        {
            var began = Stopwatch.GetTimestamp();
            await workload.StepAsync(client, random).ConfigureAwait(false);
            var wait = interval - Stopwatch.GetElapsedTime(began);
            if (wait > TimeSpan.Zero && !stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// A workload client. With <c>--confirm-reads on</c> its reads sent alone are confirmed through a follower
    /// (<see cref="TowerClientOptions.ConfirmReadsThroughFollower"/>), so the run checks that read path.
    /// </summary>
    private static TowerClient CreateClient(IChaosCluster cluster, bool confirmReads) => new(new TowerClientOptions
    {
        Endpoints = cluster.ClientUrls,
        RequestTimeout = TimeSpan.FromSeconds(3),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        ConfirmReadsThroughFollower = confirmReads,
    });
}
