namespace RaftTower.Cli.Tests;

/// <summary>One in-process run of <c>rafttower</c>: exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(string? environmentEndpoints, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, environmentEndpoints, terminal: false, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
