namespace RaftTower.Bench;

/// <summary>Dispatches the benchmark's sub-commands; each micro-benchmark registers one name here.</summary>
internal static class BenchCommands
{
    private static readonly Dictionary<string, (string Help, Func<string[], int> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["store"] = ("state machine storage: FASTER put/get, checkpoint/recover, snapshot, ordered index", Storage.StoreBenchmark.Run),
        ["wal"] = (Wal.WalBenchmark.Help, Wal.WalBenchmark.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal))
        {
            // The cluster load generator: `-- --driver rafttower|etcd --endpoints ... --workload ...`.
            return Load.LoadCommand.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project bench/RaftTower.Bench -- <command> [options]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/RaftTower.Bench -- --driver rafttower|etcd --endpoints URL[,URL...] --workload put|get|mixed|hot-add --clients N --duration SECONDS");
            foreach (var (name, (help, _)) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"  {name,-12} {help}");
            }

            return args.Length == 0 ? 2 : 1;
        }

        return command.Run(args[1..]);
    }
}
