using System.Diagnostics;
using System.Globalization;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// How a harness starts, signals and kills a <c>rafttower-node</c> process on this machine. One source file: compiled
/// into the chaos harness (the local backend's <c>LocalNode</c>) and linked into tests/RaftTower.Testing
/// (<c>NodeProcess</c>), so the chaos suite and the integration tests drive nodes the same way.
/// </summary>
internal static class NodeProcessControl
{
    /// <summary>A node's own settings as command-line arguments; no <c>--members</c> when empty (a joiner).</summary>
    public static string[] Arguments(ulong id, string dataDir, string clientUrl, string peerAddress, string adminUrl, string members) =>
    [
        "--id", id.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir, "--client-url", clientUrl,
        "--peer-url", $"tcp://{peerAddress}", "--http-url", adminUrl,
        .. members.Length > 0 ? (string[])["--members", members] : [],
    ];

    /// <summary>
    /// Starts <c>dotnet <paramref name="nodeDll"/> <paramref name="arguments"/></c> with workstation GC (several nodes
    /// share the machine) and the given environment; a start line and then every line the node prints go to
    /// <paramref name="output"/>.
    /// </summary>
    public static Process Start(string nodeDll, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, Action<string?> output)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(nodeDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        output($"==== start {DateTime.UtcNow:O}: {string.Join(' ', info.ArgumentList)}");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {nodeDll}");
        process.OutputDataReceived += (_, e) => output(e.Data);
        process.ErrorDataReceived += (_, e) => output(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL to the process tree and a bounded wait for its exit; false when it was not running.</summary>
    public static bool Kill(Process? process)
    {
        if (process is not { HasExited: false })
        {
            return false;
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        return true;
    }

    /// <summary>Sends SIG<paramref name="signal"/> (STOP, CONT, TERM) to <paramref name="pid"/>; true when kill(1) succeeded.</summary>
    public static bool Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(5_000);
        return kill is { HasExited: true, ExitCode: 0 };
    }
}
