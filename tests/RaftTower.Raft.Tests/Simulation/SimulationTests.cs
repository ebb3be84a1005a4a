using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RaftTower.Raft.Tests.Simulation;

/// <summary>
/// Deterministic simulation of 3- and 5-node clusters under faults. CI runs many seeds; a failure prints the command
/// that replays it (see README.md beside this file).
/// </summary>
public sealed class SimulationTests(ITestOutputHelper output)
{
    private const int CiSeeds = 500;

    private static SimulationSettings SettingsFor(ulong seed, int? nodes = null) => SimulationSettings.ForSeed(seed, nodes);

    [Fact]
    public void Many_seeds_keep_every_raft_invariant_and_recover_liveness()
    {
        var failures = RunSeeds(Enumerable.Range(1, CiSeeds).Select(i => (ulong)i), nodes: null, out var stats);
        Report(stats);
        Assert.True(failures.IsEmpty, Describe(failures));
        Assert.True(stats.GetValueOrDefault("acknowledged") > CiSeeds * 10, "the workload should acknowledge many writes");
        Assert.True(stats.GetValueOrDefault("snapshot") > 0 && stats.GetValueOrDefault("read served") > 0);
        Assert.True(stats.GetValueOrDefault("read served on confirmations") > 0, "some reads should be served on followers' confirmations");
    }

    [Fact]
    public void Replay()
    {
        // RAFTTOWER_SIM_SEED replays one seed; without it, seed 1 is run so this test still checks something.
        var seed = ulong.Parse(Environment.GetEnvironmentVariable("RAFTTOWER_SIM_SEED") ?? "1", CultureInfo.InvariantCulture);
        var nodesText = Environment.GetEnvironmentVariable("RAFTTOWER_SIM_NODES");
        int? nodes = nodesText is null ? null : int.Parse(nodesText, CultureInfo.InvariantCulture);
        var simulator = new Simulator(seed, SettingsFor(seed, nodes));
        simulator.Run();
        Report(simulator.Stats);
        Assert.Null(simulator.Checker.Violation);
    }

    [Fact]
    public void Soak()
    {
        // RAFTTOWER_SIM_SOAK_SECONDS runs fresh seeds for that long; without it, a short sample of seeds.
        var seconds = int.Parse(Environment.GetEnvironmentVariable("RAFTTOWER_SIM_SOAK_SECONDS") ?? "0", CultureInfo.InvariantCulture);
        var start = ulong.Parse(Environment.GetEnvironmentVariable("RAFTTOWER_SIM_SOAK_FIRST_SEED") ?? "1000000", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var next = start;
        var total = new Dictionary<string, int>();
        do
        {
            var batch = Enumerable.Range(0, Environment.ProcessorCount * 8).Select(i => next + (ulong)i).ToList();
            next += (ulong)batch.Count;
            var failures = RunSeeds(batch, nodes: null, out var stats);
            foreach (var (key, value) in stats)
            {
                total[key] = total.GetValueOrDefault(key) + value;
            }

            Assert.True(failures.IsEmpty, Describe(failures));
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        output.WriteLine($"soak: {next - start} seeds from {start} in {clock.Elapsed.TotalSeconds:F0}s");
        Report(total);
        Assert.True(next > start);
    }

    private static ConcurrentBag<SimulationFailureException> RunSeeds(IEnumerable<ulong> seeds, int? nodes, out Dictionary<string, int> stats)
    {
        var failures = new ConcurrentBag<SimulationFailureException>();
        var all = new ConcurrentBag<Dictionary<string, int>>();
        Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            var simulator = new Simulator(seed, SettingsFor(seed, nodes));
            try
            {
                simulator.Run();
            }
            catch (SimulationFailureException failure)
            {
                failures.Add(failure);
            }

            all.Add(simulator.Stats);
        });

        stats = all.SelectMany(s => s).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return failures;
    }

    private static string Describe(IEnumerable<SimulationFailureException> failures) =>
        string.Join(Environment.NewLine, failures.OrderBy(f => f.Seed).Take(5).Select(f => $"{f.Message}{Environment.NewLine}  replay: {f.ReplayCommand}"));

    private void Report(Dictionary<string, int> stats)
    {
        foreach (var (key, value) in stats.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key,-40} {value,10}");
        }
    }
}
