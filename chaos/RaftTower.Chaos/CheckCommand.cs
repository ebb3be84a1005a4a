using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RaftTower.Chaos.History;
using RaftTower.Chaos.Report;
using RaftTower.Chaos.Runner;

namespace RaftTower.Chaos;

/// <summary>
/// <c>check --history FILE --workload register|counter|set|append [--out DIR] [--nemesis FILE] [--ticks-per-second N]</c>:
/// checks an existing history and writes results.json and report.html. Exit 0 only when every verdict
/// is valid; 1 when one is invalid or unknown; 2 for bad arguments or a malformed history.
/// </summary>
internal static class CheckCommand
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public const string Usage = "check --history FILE --workload register|counter|set|append [--out DIR] [--nemesis FILE] [--ticks-per-second N]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var options, out var problem))
        {
            error.WriteLine($"check: {problem}");
            error.WriteLine($"usage: {Usage}");
            return 2;
        }

        IReadOnlyList<Operation> history;
        IReadOnlyList<NemesisWindow> nemeses;
        try
        {
            history = HistoryReader.ReadFile(options.History);
            nemeses = options.Nemesis is null ? [] : ReadNemeses(options.Nemesis);
        }
        catch (Exception e) when (e is HistoryFormatException or IOException or JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"check: {e.Message}");
            return 2;
        }

        var code = Judgement.Judge(options.Workload, history, nemeses, options.TicksPerSecond > 0 ? options.TicksPerSecond : Stopwatch.Frequency, options.Out, output);
        if (code == 2)
        {
            error.WriteLine($"check: {options.History} has no operations that the {options.Workload} workload's checkers judge");
        }

        return code;
    }

    private static List<NemesisWindow> ReadNemeses(string path)
    {
        var windows = JsonSerializer.Deserialize<List<NemesisWindow>>(File.ReadAllText(path), WebJson)
            ?? throw new JsonException($"{path}: expected a JSON array of {{\"start\", \"end\", \"name\"}}");
        var bad = windows.FirstOrDefault(w => w.End < w.Start || string.IsNullOrEmpty(w.Name));
        return bad is null ? windows : throw new JsonException($"{path}: nemesis window \"{bad.Name}\" needs a name and end >= start");
    }

    private static bool TryParse(string[] args, out CheckOptions options, out string problem)
    {
        options = new CheckOptions();
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"option {args[i]} needs a value";
                return false;
            }

            var value = args[++i];
            switch (args[i - 1])
            {
                case "--history": options = options with { History = value }; break;
                case "--workload": options = options with { Workload = value }; break;
                case "--out": options = options with { Out = value }; break;
                case "--nemesis": options = options with { Nemesis = value }; break;
                case "--ticks-per-second" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tps) && tps > 0:
                    options = options with { TicksPerSecond = tps };
                    break;
                default:
                    problem = $"unknown option or bad value: {args[i - 1]} {value}";
                    return false;
            }
        }

        problem = options.History.Length == 0 ? "--history is required"
            : Checkers.Workloads.CheckersFor(options.Workload) is null ? $"--workload must be one of {string.Join(", ", Checkers.Workloads.Names)}"
            : string.Empty;
        return problem.Length == 0;
    }

    private sealed record CheckOptions(
        string History = "",
        string Workload = "",
        string Out = ".",
        string? Nemesis = null,
        long TicksPerSecond = 0);
}
