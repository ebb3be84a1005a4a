using Microsoft.Extensions.Options;
using RaftTower.Node.Configuration;

namespace RaftTower.Node.Hosting;

/// <summary>The <c>rafttower-node</c> entry point: <c>dev</c> runs a local 3-node cluster, anything else runs one node.</summary>
internal static class NodeProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "dev")
        {
            return await DevCluster.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var unknown = CommandLineSwitches.Unknown(args);
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"rafttower-node: unknown argument(s): {string.Join(' ', unknown)}\n\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var app = NodeHost.Build(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("rafttower-node: invalid configuration:\n  - " + string.Join("\n  - ", e.Failures)).ConfigureAwait(false);
            return 2;
        }
    }

    public const string Usage = """
        usage:
          rafttower-node --id N --data-dir DIR --client-url http://HOST:PORT --peer-url tcp://HOST:PORT
                         --http-url http://HOST:PORT --members 1=HOST:PORT,2=HOST:PORT,3=HOST:PORT
                         [--snapshot-interval ENTRIES] [--sync-mode Fsync|None] [--election-timeout-ms MS]
                         [--heartbeat-ms MS] [--max-key-bytes N] [--max-value-bytes N] [--memory-budget BYTES]
          rafttower-node dev [--data-dir ./data]     start a local 3-node cluster (Ctrl+C stops it)

        Every setting can also come from appsettings.json (section "RaftTower") or the environment
        (RAFTTOWER__ID, RAFTTOWER__DATADIR, ...); the command line wins.
        """;
}
