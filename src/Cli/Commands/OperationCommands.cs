using System.CommandLine;
using System.Reflection;
using RaftTower.Cli.Operations;
using RaftTower.Cli.Output;
using RaftTower.Client;

namespace RaftTower.Cli.Commands;

/// <summary>One command per family (<c>int</c>, <c>list</c>, ...) with one sub-command per client operation.</summary>
internal static class OperationCommands
{
    private static readonly Dictionary<string, string> FamilyHelp = new(StringComparer.Ordinal)
    {
        ["key"] = "Any key: exists, type, delete, TTL",
        ["string"] = "UTF-8 strings",
        ["int"] = "64-bit integers",
        ["float"] = "Doubles",
        ["bool"] = "Booleans",
        ["timestamp"] = "UTC timestamps (100 ns)",
        ["duration"] = "Durations (100 ns)",
        ["uuid"] = "UUIDs",
        ["binary"] = "Byte strings (hex on the command line)",
        ["bigint"] = "Arbitrary-precision integers",
        ["decimal"] = "Arbitrary-precision decimals (coefficient, scale)",
        ["list"] = "Lists of typed values",
        ["map"] = "Maps of typed fields to typed values",
        ["set"] = "Sets of strings",
        ["timeseries"] = "Time series of typed values",
        ["bloom"] = "Bloom filters of strings",
    };

    public static IEnumerable<Command> Create(CommandRunner runner) =>
        OperationCatalog.All
            .GroupBy(o => o.Family, StringComparer.Ordinal)
            .Select(family =>
            {
                var command = new Command(family.Key, FamilyHelp.GetValueOrDefault(family.Key, family.Key));
                foreach (var operation in family)
                {
                    command.Subcommands.Add(Create(operation, runner));
                }

                return command;
            });

    private static Command Create(OperationDescriptor operation, CommandRunner runner)
    {
        var command = new Command(operation.Name, $"{operation.Method.Name[..^"Async".Length]} ({ReturnDescription(operation.Method)})");
        var arguments = operation.Inputs.Select(p => new Argument<string>(Kebab(p.Name!))
        {
            Description = CliValueParser.Describe(p.ParameterType) + (p.HasDefaultValue ? $" (default {p.DefaultValue})" : string.Empty),
            Arity = p.HasDefaultValue ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        }).ToArray();
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var values = new object?[operation.Inputs.Count + 1];
            for (var i = 0; i < arguments.Length; i++)
            {
                if (!CliValueParser.TryParse(operation.Inputs[i], parse.GetValue(arguments[i]), out values[i], out var problem))
                {
                    return Task.FromResult(runner.UsageError(parse, problem));
                }
            }

            values[^1] = cancellationToken;
            return runner.RunAsync(parse, client => InvokeAsync(client, operation, values, parse, runner), cancellationToken);
        });
        return command;
    }

    private static async Task InvokeAsync(TowerClient client, OperationDescriptor operation, object?[] values, ParseResult parse, CommandRunner runner)
    {
        var task = (Task)operation.Method.Invoke(client, values)!;
        await task.ConfigureAwait(false);
        var returnsValue = operation.Method.ReturnType != typeof(Task);
        var result = returnsValue ? task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task) : null;
        if (runner.Json(parse))
        {
            runner.WriteJson(json => ResultFormatter.WriteJson(json, result));
        }
        else
        {
            ResultFormatter.WriteText(runner.Output, result, returnsValue);
        }
    }

    private static string ReturnDescription(MethodInfo method) =>
        method.ReturnType == typeof(Task) ? "prints OK" : $"prints {Friendly(method.ReturnType.GetGenericArguments()[0])}";

    private static string Friendly(Type type) => Nullable.GetUnderlyingType(type) is { } inner
        ? Friendly(inner) + " or (nil)"
        : type.IsGenericType ? $"a list of {Friendly(type.GetGenericArguments()[0])}"
        : type == typeof(int) ? "-1, 0 or 1"
        : type == typeof(long) ? "an integer"
        : type == typeof(bool) ? "true or false"
        : type == typeof(byte[]) ? "hex bytes"
        : type.Name.ToLowerInvariant();

    private static string Kebab(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
