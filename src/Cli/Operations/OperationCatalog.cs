using System.Reflection;
using System.Text;
using RaftTower.Client;

namespace RaftTower.Cli.Operations;

/// <summary>
/// Every data operation of <see cref="TowerClient"/> as a (family, name) pair, derived from the method names of
/// SPEC §3 so the CLI can never lag behind the client: <c>SetIntIfGreaterAsync</c> is <c>int set-if-greater</c>,
/// <c>PushLeftAsync</c> is <c>list push-left</c>, <c>ExistsAsync</c> is <c>key exists</c>.
/// </summary>
internal static class OperationCatalog
{
    // Longest and most specific first: "BigInt" before "Int", and "Set" (the family) last because it is also a verb.
    private static readonly (string Token, string Family)[] Families =
    [
        ("BloomFilter", "bloom"), ("TimeSeries", "timeseries"), ("BigInt", "bigint"), ("Decimal", "decimal"),
        ("Timestamp", "timestamp"), ("Duration", "duration"), ("String", "string"), ("Float", "float"),
        ("Bool", "bool"), ("Uuid", "uuid"), ("Binary", "binary"), ("Int", "int"), ("List", "list"), ("Map", "map"),
        ("Set", "set"),
    ];

    // Names the rule cannot derive: key operations, list pushes and pops, and overloads or clashes.
    private static readonly Dictionary<string, (string Family, string Name)> Exceptions = new(StringComparer.Ordinal)
    {
        ["DeleteAsync"] = ("key", "delete"),
        ["ExistsAsync"] = ("key", "exists"),
        ["TypeOfAsync"] = ("key", "type"),
        ["SetTtlAsync(DateTimeOffset)"] = ("key", "expire-at"),
        ["SetTtlAsync(TimeSpan)"] = ("key", "expire"),
        ["RemoveTtlAsync"] = ("key", "persist"),
        ["GetTtlAsync"] = ("key", "ttl"),
        ["PushLeftAsync"] = ("list", "push-left"),
        ["PushRightAsync"] = ("list", "push-right"),
        ["PopLeftAsync"] = ("list", "pop-left"),
        ["PopRightAsync"] = ("list", "pop-right"),
        ["MapDeleteAsync"] = ("map", "delete-field"),
    };

    private static readonly HashSet<string> ClusterMethods = new(StringComparer.Ordinal)
    {
        nameof(TowerClient.GetClusterStatusAsync), nameof(TowerClient.AddMemberAsync), nameof(TowerClient.PromoteMemberAsync),
        nameof(TowerClient.RemoveMemberAsync), nameof(TowerClient.TransferLeadershipAsync), nameof(TowerClient.DisposeAsync),
    };

    public static IReadOnlyList<OperationDescriptor> All { get; } = Discover();

    private static OperationDescriptor[] Discover() =>
        typeof(TowerClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !ClusterMethods.Contains(m.Name))
            .Select(Describe)
            .OrderBy(d => d.Family, StringComparer.Ordinal)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();

    private static OperationDescriptor Describe(MethodInfo method)
    {
        var overload = $"{method.Name}({method.GetParameters()[1].ParameterType.Name})";
        if (Exceptions.TryGetValue(overload, out var named) || Exceptions.TryGetValue(method.Name, out named))
        {
            return new OperationDescriptor(named.Family, named.Name, method);
        }

        var tokens = Tokens(method.Name[..^"Async".Length]);
        foreach (var (token, family) in Families)
        {
            var familyTokens = Tokens(token);
            for (var i = 0; i + familyTokens.Count <= tokens.Count; i++)
            {
                if (tokens.Skip(i).Take(familyTokens.Count).SequenceEqual(familyTokens, StringComparer.Ordinal))
                {
                    var rest = tokens.Take(i).Concat(tokens.Skip(i + familyTokens.Count));
                    return new OperationDescriptor(family, string.Join('-', rest).ToLowerInvariant(), method);
                }
            }
        }

        throw new InvalidOperationException($"{method.Name} belongs to no family: add it to OperationCatalog.Exceptions");
    }

    private static List<string> Tokens(string pascal)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            current.Append(c);
        }

        tokens.Add(current.ToString());
        return tokens;
    }
}
