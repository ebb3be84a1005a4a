using System.Globalization;
using RaftTower.Chaos.Backends;
using RaftTower.Chaos.Nemesis;
using RaftTower.Chaos.Workloads;

namespace RaftTower.Chaos.Runner;

/// <summary>The options of a chaos run.</summary>
internal sealed record RunOptions(
    string Backend = "local",
    int Nodes = 3,
    string Workload = "",
    IReadOnlyList<NemesisKind>? Nemeses = null,
    int TimeLimitSeconds = 30,
    double Rate = 100,
    int Concurrency = 5,
    string Out = "",
    int Seed = 0,
    bool ConfirmReads = false)
{
    public const string Usage = "--backend local|docker --nodes 3|5 --workload register|counter|set|append --nemesis none|all|partition,kill,pause "
        + "--time-limit SECONDS [--rate OPS] [--concurrency N] --out DIR [--seed N] [--confirm-reads on|off]";

    /// <summary>Parses the arguments; null with <paramref name="problem"/> set when they are bad.</summary>
    public static RunOptions? Parse(string[] args, out string problem)
    {
        var options = new RunOptions(Seed: Environment.TickCount);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"option {args[i]} needs a value";
                return null;
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--backend" => options with { Backend = value },
                "--nodes" => options with { Nodes = Int(value, 1, 9) },
                "--workload" => options with { Workload = value },
                "--nemesis" => options with { Nemeses = NemesisSchedule.Parse(value, out problem) ?? throw new FormatException(problem) },
                "--time-limit" => options with { TimeLimitSeconds = Int(value, 1, 24 * 3600) },
                "--rate" => options with { Rate = Int(value, 1, 100_000) },
                "--concurrency" => options with { Concurrency = Int(value, 1, 1_000) },
                "--out" => options with { Out = value },
                "--seed" => options with { Seed = Int(value, int.MinValue, int.MaxValue) },
                "--confirm-reads" => options with
                {
                    ConfirmReads = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new FormatException($"--confirm-reads must be on or off, not '{value}'"),
                    },
                },
                _ => throw new FormatException($"unknown option {args[i]}"),
            };
        }

        problem = !ClusterFactory.Backends.Contains(options.Backend) ? $"--backend must be one of {string.Join(", ", ClusterFactory.Backends)}"
            : options.Nodes is not (3 or 5) ? "--nodes must be 3 or 5"
            : WorkloadFactory.Create(options.Workload) is null ? "--workload must be one of register, counter, set, append"
            : options.Nemeses is null ? "--nemesis is required"
            : options.Out.Length == 0 ? "--out is required"
            : string.Empty;
        return problem.Length == 0 ? options : null;
    }

    private static int Int(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not an integer in [{min}, {max}]");
}
