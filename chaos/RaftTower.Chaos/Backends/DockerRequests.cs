using System.Text.Json.Nodes;

namespace RaftTower.Chaos.Backends;

/// <summary>The JSON bodies of the Engine API requests that create the docker backend's network and containers.</summary>
internal static class DockerRequests
{
    /// <summary>
    /// An <c>--internal</c> bridge network (no route out of it; the host still reaches its containers through the
    /// bridge) on <paramref name="subnet"/>, so the containers' addresses are fixed and known before they start.
    /// </summary>
    public static JsonObject InternalNetwork(string name, string subnet, string gateway, IReadOnlyDictionary<string, string> labels) => new()
    {
        ["Name"] = name,
        ["Driver"] = "bridge",
        ["Internal"] = true,
        ["CheckDuplicate"] = true,
        ["IPAM"] = new JsonObject
        {
            ["Driver"] = "default",
            ["Config"] = new JsonArray(new JsonObject { ["Subnet"] = subnet, ["Gateway"] = gateway }),
        },
        ["Labels"] = Labels(labels),
    };

    /// <summary>
    /// A node container: <paramref name="image"/>'s entrypoint (<c>rafttower-node</c>) with <paramref name="arguments"/>,
    /// <paramref name="dataDir"/> (an absolute host path) bind-mounted at <c>/data</c>, on <paramref name="network"/> at
    /// the fixed address <paramref name="ip"/>.
    /// </summary>
    public static JsonObject Container(
        string image, IEnumerable<string> arguments, string dataDir, string network, string ip, IReadOnlyDictionary<string, string> labels) => new()
    {
        ["Image"] = image,
        ["Cmd"] = new JsonArray([.. arguments.Select(a => (JsonNode)a)]),
        ["Env"] = new JsonArray("Logging__LogLevel__Microsoft.AspNetCore=Warning"),
        ["Labels"] = Labels(labels),
        ["HostConfig"] = new JsonObject
        {
            ["Binds"] = new JsonArray($"{dataDir}:/data"),
            ["NetworkMode"] = network,
        },
        ["NetworkingConfig"] = new JsonObject
        {
            ["EndpointsConfig"] = new JsonObject
            {
                [network] = new JsonObject { ["IPAMConfig"] = new JsonObject { ["IPv4Address"] = ip } },
            },
        },
    };

    private static JsonObject Labels(IReadOnlyDictionary<string, string> labels) =>
        new([.. labels.Select(l => new KeyValuePair<string, JsonNode?>(l.Key, l.Value))]);
}
