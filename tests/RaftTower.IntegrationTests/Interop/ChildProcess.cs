using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RaftTower.IntegrationTests.Interop;

/// <summary>Runs an external program to completion with a deadline, capturing its output.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="program"/>; a program missing from PATH fails the test with <paramref name="whenMissing"/>,
    /// one that outlives <paramref name="timeout"/> is killed and fails the test with what it printed so far.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, string whenMissing)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"{whenMissing} ('{program}' could not be started: {e.Message})");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"'{program} {string.Join(' ', info.ArgumentList)}' did not finish within {timeout}; output so far:\n{Read(output)}");
        }

        // The parameterless wait also drains the redirected output.
        await process.WaitForExitAsync();
        return new ChildProcessResult(process.ExitCode, Read(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
