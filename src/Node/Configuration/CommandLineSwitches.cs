namespace RaftTower.Node.Configuration;

/// <summary>The node's command-line switches and the configuration keys they set.</summary>
internal static class CommandLineSwitches
{
    /// <summary>Switch → configuration key, for <c>AddCommandLine(args, Mappings)</c>.</summary>
    public static IDictionary<string, string> Mappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--id"] = Key(nameof(NodeOptions.Id)),
        ["--data-dir"] = Key(nameof(NodeOptions.DataDir)),
        ["--client-url"] = Key(nameof(NodeOptions.ClientUrl)),
        ["--advertise-client-url"] = Key(nameof(NodeOptions.AdvertiseClientUrl)),
        ["--peer-url"] = Key(nameof(NodeOptions.PeerUrl)),
        ["--http-url"] = Key(nameof(NodeOptions.HttpUrl)),
        ["--members"] = Key(nameof(NodeOptions.Members)),
        ["--snapshot-interval"] = Key(nameof(NodeOptions.SnapshotIntervalEntries)),
        ["--sync-mode"] = Key(nameof(NodeOptions.SyncMode)),
        ["--election-timeout-ms"] = Key(nameof(NodeOptions.ElectionTimeoutMs)),
        ["--heartbeat-ms"] = Key(nameof(NodeOptions.HeartbeatIntervalMs)),
        ["--max-key-bytes"] = Key(nameof(NodeOptions.MaxKeyBytes)),
        ["--max-value-bytes"] = Key(nameof(NodeOptions.MaxValueBytes)),
        ["--memory-budget"] = Key(nameof(NodeOptions.MemoryBudgetBytes)),
    };

    /// <summary>Arguments that are not a known switch followed by a value, for a clear start-up error.</summary>
    public static IReadOnlyList<string> Unknown(IReadOnlyList<string> args)
    {
        var unknown = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (Mappings.ContainsKey(args[i]) && i + 1 < args.Count)
            {
                i++;
            }
            else
            {
                unknown.Add(args[i]);
            }
        }

        return unknown;
    }

    private static string Key(string property) => NodeOptions.Section + ":" + property;
}
