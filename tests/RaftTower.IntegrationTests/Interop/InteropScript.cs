using System.Security.Cryptography;

namespace RaftTower.IntegrationTests.Interop;

/// <summary>
/// The grpc-js client of <c>tests/interop-node</c>, installed with <c>npm ci</c> into a temp directory keyed by the
/// lock file's hash (so the install happens once per lock file, not once per run) and run with <c>node</c>.
/// </summary>
internal static class InteropScript
{
    private const string MissingTools =
        "the grpc-js interop test needs Node.js 18+ and npm on PATH (Debian: apt-get install nodejs npm); it never skips";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Where the script, package.json and package-lock.json are kept in the repository.</summary>
    public static string SourceDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "interop-node");

    /// <summary>The public contract the script loads.</summary>
    public static string ProtoPath { get; } = Path.Combine(RepositoryRoot(), "src", "Protocol", "Protos", "tower.proto");

    /// <summary>Runs <c>node interop.mjs ENDPOINT PROTO KEY_PREFIX</c> after making sure its packages are installed.</summary>
    public static async Task<ChildProcessResult> RunAsync(string endpoint, string keyPrefix)
    {
        var installed = await InstallAsync();
        var script = Path.Combine(installed, "interop.mjs");
        File.Copy(Path.Combine(SourceDirectory, "interop.mjs"), script, overwrite: true);
        return await ChildProcess.RunAsync("node", [script, endpoint, ProtoPath, keyPrefix], installed, RunTimeout, MissingTools);
    }

    private static async Task<string> InstallAsync()
    {
        var lockFile = Path.Combine(SourceDirectory, "package-lock.json");
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile)))[..16];
        var target = Path.Combine(Path.GetTempPath(), "rafttower-interop-node", hash);
        if (File.Exists(Path.Combine(target, "npm-ci.done")))
        {
            return target;
        }

        // Install beside the target and move it in whole, so an interrupted install is never mistaken for a finished one.
        var staging = target + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        File.Copy(Path.Combine(SourceDirectory, "package.json"), Path.Combine(staging, "package.json"));
        File.Copy(lockFile, Path.Combine(staging, "package-lock.json"));
        var install = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], staging, InstallTimeout, MissingTools);
        Assert.True(install.ExitCode == 0, $"npm ci failed with exit code {install.ExitCode} in {staging}:\n{install.Output}");
        await File.WriteAllTextAsync(Path.Combine(staging, "npm-ci.done"), install.Output);
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, "npm-ci.done")))
        {
            // Another run finished the same install first; use it.
            Directory.Delete(staging, recursive: true);
        }

        return target;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RaftTower.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RaftTower.sln not found above " + AppContext.BaseDirectory);
    }
}
