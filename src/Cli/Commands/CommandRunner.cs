using System.CommandLine;
using System.Text;
using System.Text.Json;
using RaftTower.Client;
using Spectre.Console;

namespace RaftTower.Cli.Commands;

/// <summary>
/// Runs one command's work against a fresh <see cref="TowerClient"/> and turns every outcome into output and an
/// <see cref="ExitCode"/>: results on standard output, errors on standard error (or both as JSON with <c>--json</c>).
/// </summary>
internal sealed class CommandRunner(GlobalOptions options, TextWriter output, TextWriter error, IAnsiConsole console)
{
    public TextWriter Output => output;

    public IAnsiConsole Console => console;

    public bool Json(ParseResult parse) => parse.GetValue(options.Json);

    public async Task<int> RunAsync(ParseResult parse, Func<TowerClient, Task> work, CancellationToken cancellationToken)
    {
        TowerClient client;
        try
        {
            var endpoints = (parse.GetValue(options.Endpoints) ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            client = new TowerClient(new TowerClientOptions { Endpoints = endpoints, RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(options.Timeout)) });
        }
        catch (ArgumentException e)
        {
            return UsageError(parse, e.Message);
        }

        await using (client.ConfigureAwait(false))
        {
            try
            {
                await work(client).ConfigureAwait(false);
                return (int)ExitCode.Ok;
            }
            catch (TowerException e)
            {
                return Failure(parse, e);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("cancelled").ConfigureAwait(false);
                return (int)ExitCode.Cancelled;
            }
        }
    }

    public int UsageError(ParseResult parse, string message)
    {
        if (Json(parse))
        {
            WriteJsonError("Usage", message, mayHaveBeenApplied: false, diagnostics: null);
        }
        else
        {
            error.WriteLine($"error: {message}");
            error.WriteLine("Run 'rafttower --help' for usage.");
        }

        return (int)ExitCode.Usage;
    }

    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private int Failure(ParseResult parse, TowerException e)
    {
        if (Json(parse))
        {
            WriteJsonError(e.Code.ToString(), e.Message, e.MayHaveBeenApplied, e.Diagnostics);
        }
        else
        {
            error.WriteLine($"error: {e.Message}");
        }

        return (int)(e.Code switch
        {
            TowerErrorCode.Unavailable => ExitCode.Unavailable,
            TowerErrorCode.Indeterminate or TowerErrorCode.SessionExpired => ExitCode.Indeterminate,
            TowerErrorCode.Internal => ExitCode.Internal,
            _ => ExitCode.Refused,
        });
    }

    private void WriteJsonError(string code, string message, bool mayHaveBeenApplied, TowerErrorDiagnostics? diagnostics) => WriteJson(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteBoolean("mayHaveBeenApplied", mayHaveBeenApplied);
        if (diagnostics is not null)
        {
            json.WriteString("endpoint", diagnostics.Endpoint?.ToString());
            json.WriteString("leaderHint", diagnostics.LeaderHint);
            json.WriteNumber("term", diagnostics.Term);
            json.WriteNumber("elapsedMs", (long)diagnostics.Elapsed.TotalMilliseconds);
            json.WriteNumber("attempts", diagnostics.Attempts);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    });
}
