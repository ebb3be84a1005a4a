using System.Diagnostics;
using System.Globalization;

namespace RaftTower.Node.Hosting;

/// <summary>
/// <c>rafttower-node dev</c>: a local 3-node cluster as three child processes of this executable, on loopback
/// (client 7101..7103, peer 7201..7203, admin 7301..7303), data under <c>./data/nodeN</c>. Ctrl+C stops all three.
/// Running it again restarts the same cluster from its data.
/// </summary>
internal static class DevCluster
{
    /// <summary>Set for the nodes this command starts: they stop by themselves when this process is gone.</summary>
    public const string ParentPidVariable = "RAFTTOWER_DEV_PARENT_PID";

    private const int Nodes = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var dataRoot = Path.GetFullPath(args.Length >= 2 && args[0] == "--data-dir" ? args[1] : "data");
        var members = string.Join(',', Enumerable.Range(1, Nodes).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}=127.0.0.1:{7200 + i}")));
        var children = new List<Process>();
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(children);

        try
        {
            for (var id = 1; id <= Nodes; id++)
            {
                var dataDir = Path.Combine(dataRoot, $"node{id}");
                Directory.CreateDirectory(dataDir);
                children.Add(Start(id, dataDir, members));
            }

            Console.WriteLine($"RaftTower dev cluster: {Nodes} nodes, data under {dataRoot}");
            for (var id = 1; id <= Nodes; id++)
            {
                Console.WriteLine($"  node {id}: client http://127.0.0.1:{7100 + id}  peer tcp://127.0.0.1:{7200 + id}  admin http://127.0.0.1:{7300 + id}/status  (pid {children[id - 1].Id})");
            }

            Console.WriteLine("Endpoints for clients: http://127.0.0.1:7101,http://127.0.0.1:7102,http://127.0.0.1:7103");
            Console.WriteLine("Press Ctrl+C to stop all three.");

            var exited = Task.WhenAny(children.Select(c => c.WaitForExitAsync(stopping.Token)));
            await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stopping.Token)).ConfigureAwait(false);
            var dead = children.FirstOrDefault(c => c.HasExited);
            if (dead is not null && !stopping.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"dev: a node (pid {dead.Id}) exited with code {dead.ExitCode}; stopping the others").ConfigureAwait(false);
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        finally
        {
            Stop(children);
        }
    }

    private static Process Start(int id, string dataDir, string members)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable's path");
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.FileName = self;
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rafttower-node.dll"));
        }
        else
        {
            info.FileName = self;
        }

        foreach (var arg in new[]
                 {
                     "--id", id.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir,
                     "--client-url", $"http://127.0.0.1:{7100 + id}", "--peer-url", $"tcp://127.0.0.1:{7200 + id}",
                     "--http-url", $"http://127.0.0.1:{7300 + id}", "--members", members,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ParentPidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start node {id}");
        var prefix = $"[node {id}] ";
        process.OutputDataReceived += (_, e) => Forward(Console.Out, prefix, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(Console.Error, prefix, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Forward(TextWriter writer, string prefix, string? line)
    {
        if (line is not null)
        {
            writer.WriteLine(prefix + line);
        }
    }

    private static void Stop(List<Process> children)
    {
        foreach (var child in children.Where(c => !c.HasExited))
        {
            // SIGTERM lets the node flush and close its files; SIGKILL only if it does not exit in time.
            if (!SendTerminate(child.Id))
            {
                child.Kill();
            }
        }

        foreach (var child in children)
        {
            if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                child.Kill();
            }

            child.Dispose();
        }

        children.Clear();
    }

    private static bool SendTerminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        return kill is not null && kill.WaitForExit(TimeSpan.FromSeconds(5)) && kill.ExitCode == 0;
    }
}
