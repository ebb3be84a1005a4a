using System.CommandLine;
using RaftTower.Cli.Commands;
using Spectre.Console;

namespace RaftTower.Cli;

/// <summary>The <c>rafttower</c> command line: every client operation as <c>rafttower &lt;family&gt; &lt;op&gt; args</c>, plus cluster commands.</summary>
internal static class CliApplication
{
    /// <summary>Parses and runs one command line; returns the process exit code (<see cref="ExitCode"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="endpointsFromEnvironment">The value of <c>RAFTTOWER_ENDPOINTS</c>, if set.</param>
    /// <param name="terminal">True when <paramref name="output"/> is a terminal (colours and its width).</param>
    /// <param name="cancellationToken">Cancels the running operation.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, string? endpointsFromEnvironment, bool terminal, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        var options = new GlobalOptions(endpointsFromEnvironment);
        var runner = new CommandRunner(options, output, error, console);
        var root = new RootCommand("rafttower: talk to a RaftTower cluster. Values for list/map/time-series elements are typed literals: int:42, float:1.5, bool:true, ts:..., dur:..., uuid:..., hex:..., big:..., dec:..., str:... (plain text is a string).");
        options.AddTo(root);
        foreach (var command in ClusterCommands.Create(runner).Concat(OperationCommands.Create(runner)))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return runner.UsageError(parse, string.Join(Environment.NewLine + "error: ", parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal)));
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
