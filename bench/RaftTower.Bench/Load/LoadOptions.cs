using System.Globalization;

namespace RaftTower.Bench.Load;

/// <summary>
/// Settings of one load run:
/// <c>--driver rafttower|etcd --endpoints URL[,URL...] --workload put|get|mixed|hot-add --clients N --duration SECONDS
/// [--keys K] [--value-size B] [--json FILE] [--warmup SECONDS] [--connections C] [--no-coalesce] [--max-in-flight N] [--confirm-reads]</c>.
/// </summary>
internal sealed record LoadOptions(
    string Driver,
    IReadOnlyList<Uri> Endpoints,
    LoadWorkload Workload,
    int Clients,
    TimeSpan Duration,
    int Keys,
    int ValueSize,
    string? JsonFile,
    TimeSpan Warmup,
    int Connections,
    bool Coalesce,
    int MaxInFlight,
    bool ConfirmReads = false)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/RaftTower.Bench -- --driver rafttower|etcd --endpoints URL[,URL...]
               --workload put|get|mixed|hot-add --clients N --duration SECONDS [--keys K (10000)] [--value-size B (100)]
               [--json FILE] [--warmup SECONDS (2)] [--connections C (1): client instances, each with its own HTTP/2 connections]
               [--no-coalesce: rafttower sends every call as its own Execute] [--max-in-flight N (8): rafttower calls
               outstanding per node before further ones are coalesced into ExecuteBatch calls]
               [--confirm-reads: rafttower reads sent alone are confirmed through a follower instead of the leader's
               heartbeat round (TowerClientOptions.ConfirmReadsThroughFollower = true)]
        """;

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "no-coalesce", "confirm-reads" };

    /// <summary>Parses the arguments; on failure <paramref name="error"/> names the offending one.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out LoadOptions options, out string error)
    {
        options = null!;
        error = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && Flags.Contains(args[i][2..]))
            {
                values[args[i][2..]] = string.Empty;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"expected '--name value' pairs, got '{args[i]}'";
                return false;
            }

            values[args[i][2..]] = args[++i];
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "driver", "endpoints", "workload", "clients", "duration", "keys", "value-size", "json", "warmup", "connections", "no-coalesce", "max-in-flight", "confirm-reads",
        };
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            error = $"unknown option --{unknown}";
            return false;
        }

        if (!values.TryGetValue("driver", out var driver) || driver is not ("rafttower" or "etcd"))
        {
            error = "--driver must be rafttower or etcd";
            return false;
        }

        var endpoints = new List<Uri>();
        foreach (var text in (values.GetValueOrDefault("endpoints") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                error = $"--endpoints: '{text}' is not an http:// URL";
                return false;
            }

            endpoints.Add(uri);
        }

        if (endpoints.Count == 0)
        {
            error = "--endpoints is required (comma-separated http:// URLs)";
            return false;
        }

        LoadWorkload? workload = values.GetValueOrDefault("workload") switch
        {
            "put" => LoadWorkload.Put,
            "get" => LoadWorkload.Get,
            "mixed" => LoadWorkload.Mixed,
            "hot-add" => LoadWorkload.HotAdd,
            _ => null,
        };
        if (workload is null)
        {
            error = "--workload must be put, get, mixed or hot-add";
            return false;
        }

        if (!TryInt(values, "clients", null, 1, 100_000, out var clients, ref error)
            || !TryInt(values, "duration", null, 1, 86_400, out var duration, ref error)
            || !TryInt(values, "keys", 10_000, 1, 100_000_000, out var keys, ref error)
            || !TryInt(values, "value-size", 100, 0, 16 << 20, out var valueSize, ref error)
            || !TryInt(values, "warmup", 2, 0, 3_600, out var warmup, ref error)
            || !TryInt(values, "connections", 1, 1, 64, out var connections, ref error)
            || !TryInt(values, "max-in-flight", 8, 1, 100_000, out var maxInFlight, ref error))
        {
            return false;
        }

        options = new LoadOptions(driver, endpoints, workload.Value, clients, TimeSpan.FromSeconds(duration), keys, valueSize,
            values.GetValueOrDefault("json"), TimeSpan.FromSeconds(warmup), connections, !values.ContainsKey("no-coalesce"), maxInFlight,
            values.ContainsKey("confirm-reads"));
        return true;
    }

    private static bool TryInt(Dictionary<string, string> values, string name, int? fallback, int min, int max, out int value, ref string error)
    {
        value = fallback ?? 0;
        if (!values.TryGetValue(name, out var text))
        {
            if (fallback is null)
            {
                error = $"--{name} is required";
                return false;
            }

            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"--{name} must be an integer in [{min}, {max}], got '{text}'";
            return false;
        }

        return true;
    }
}
