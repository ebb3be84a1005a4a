using System.Diagnostics;

namespace RaftTower.Chaos.Backends;

/// <summary>The node image the docker backend runs: <c>$RAFTTOWER_IMAGE</c> or <c>rafttower-node:local</c>, built with deploy/build-image.sh when missing.</summary>
internal static class DockerImage
{
    public const string DefaultTag = "rafttower-node:local";

    public static string Tag => Environment.GetEnvironmentVariable("RAFTTOWER_IMAGE") is { Length: > 0 } tag ? tag : DefaultTag;

    /// <summary>Builds <paramref name="tag"/> with the checkout's deploy/build-image.sh unless the engine has it; progress goes to <paramref name="log"/>.</summary>
    public static async Task EnsureAsync(DockerEngine engine, string tag, TextWriter log)
    {
        if (await engine.ImageExistsAsync(tag).ConfigureAwait(false))
        {
            return;
        }

        var script = FindBuildScript()
            ?? throw new DockerSetupException($"image {tag} is missing and no deploy/build-image.sh was found above {AppContext.BaseDirectory}; build it with deploy/build-image.sh {tag}");
        log.WriteLine($"docker: image {tag} is missing; building it with {script} (about 20 s)");
        var info = new ProcessStartInfo("bash", [script, tag]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new DockerSetupException("could not start bash for deploy/build-image.sh");
        process.OutputDataReceived += (_, e) => Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new DockerSetupException($"{script} did not finish within 10 minutes");
        }

        if (process.ExitCode != 0 || !await engine.ImageExistsAsync(tag).ConfigureAwait(false))
        {
            throw new DockerSetupException($"{script} {tag} failed (exit {process.ExitCode}); see its output above");
        }
    }

    private static string? FindBuildScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "deploy", "build-image.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }

    private static void Forward(TextWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
