using System.CommandLine;
using System.Globalization;

namespace RaftTower.Cli.Commands;

/// <summary>The options every command takes: <c>--endpoints</c>, <c>--json</c>, <c>--timeout</c>.</summary>
internal sealed class GlobalOptions
{
    /// <summary>Used when neither <c>--endpoints</c> nor <c>RAFTTOWER_ENDPOINTS</c> is set: the local dev cluster.</summary>
    public const string DefaultEndpoints = "http://127.0.0.1:7101,http://127.0.0.1:7102,http://127.0.0.1:7103";

    public const string EndpointsVariable = "RAFTTOWER_ENDPOINTS";

    public GlobalOptions(string? endpointsFromEnvironment)
    {
        var fallback = string.IsNullOrWhiteSpace(endpointsFromEnvironment) ? DefaultEndpoints : endpointsFromEnvironment;
        Endpoints = new Option<string>("--endpoints", "-e")
        {
            Description = $"Comma-separated node client endpoints (${EndpointsVariable} when set, else the local dev cluster)",
            DefaultValueFactory = _ => fallback,
            Recursive = true,
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print results and errors as JSON on standard output",
            Recursive = true,
        };
        Timeout = new Option<double>("--timeout")
        {
            Description = "Deadline of the operation in seconds, retries included",
            DefaultValueFactory = _ => 5,
            Recursive = true,
        };
        Timeout.Validators.Add(result =>
        {
            var seconds = result.GetValueOrDefault<double>();
            if (!(seconds > 0 && seconds <= 86_400))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--timeout must be between 0 and 86400 seconds, not {seconds}"));
            }
        });
    }

    public Option<string> Endpoints { get; }

    public Option<bool> Json { get; }

    public Option<double> Timeout { get; }

    public void AddTo(Command root)
    {
        root.Options.Add(Endpoints);
        root.Options.Add(Json);
        root.Options.Add(Timeout);
    }
}
