using RaftTower.Chaos.Runner;

namespace RaftTower.Chaos;

/// <summary>Dispatches the harness's sub-commands by name.</summary>
internal static class ChaosCommands
{
    private static readonly Dictionary<string, (string Help, Func<string[], int> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["check"] = (CheckCommand.Usage, args => CheckCommand.Run(args, Console.Out, Console.Error)),
        ["run"] = ("run " + RunOptions.Usage, args => RunCommand.Run(args, Console.Out, Console.Error)),
    };

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal))
        {
            // The form: options straight after "--" mean a run.
            return RunCommand.Run(args, Console.Out, Console.Error);
        }

        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine("usage: dotnet run --project chaos/RaftTower.Chaos -- <command> [options]");
            foreach (var (_, (help, _)) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"  {help}");
            }

            return 2;
        }

        return command.Run(args[1..]);
    }
}
