using Microsoft.Extensions.Options;

namespace RaftTower.Node.Configuration;

/// <summary>Checks <see cref="NodeOptions"/> at start and reports every problem at once, naming the setting.</summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var errors = new List<string>();
        if (options.Id == 0)
        {
            errors.Add("--id (RaftTower:Id) is required and must be a positive integer");
        }

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            errors.Add("--data-dir (RaftTower:DataDir) is required");
        }

        var client = CheckUrl(errors, "--client-url", options.ClientUrl, "http");
        if (!string.IsNullOrWhiteSpace(options.AdvertiseClientUrl))
        {
            client = CheckUrl(errors, "--advertise-client-url", options.AdvertiseClientUrl, "http");
            if (client is not null && IsWildcard(client))
            {
                errors.Add($"--advertise-client-url '{options.AdvertiseClientUrl}' is a wildcard address; advertise one clients can reach");
            }
        }
        else if (client is not null && IsWildcard(client))
        {
            errors.Add($"--client-url '{options.ClientUrl}' listens on a wildcard address; set --advertise-client-url to the URL clients reach this node at");
        }

        CheckUrl(errors, "--http-url", options.HttpUrl, "http");
        var peer = CheckUrl(errors, "--peer-url", options.PeerUrl, "tcp");

        if (!MemberList.TryParse(options.Members, out var members, out var memberError))
        {
            errors.Add($"--members: {memberError}");
        }
        else if (members.Count > 0 && options.Id != 0)
        {
            if (!members.TryGetValue(options.Id, out var self))
            {
                errors.Add($"--members does not list this node's id {options.Id}");
            }
            else if (peer is not null && (self.Port != peer.Port || !string.Equals(self.Host, peer.Host, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"--members lists node {options.Id} at {self.Host}:{self.Port} but --peer-url is {options.PeerUrl}");
            }
        }

        if (options.SnapshotIntervalEntries < 1)
        {
            errors.Add("--snapshot-interval must be at least 1 entry");
        }

        if (options.HeartbeatIntervalMs < 1 || options.ElectionTimeoutMs < 2 * options.HeartbeatIntervalMs)
        {
            errors.Add($"--heartbeat-ms ({options.HeartbeatIntervalMs}) must be positive and at most half of --election-timeout-ms ({options.ElectionTimeoutMs})");
        }

        if (options.MaxKeyBytes < 1 || options.MaxValueBytes < 1)
        {
            errors.Add("key and value limits must be positive");
        }

        if (options.MemoryBudgetBytes < 1 << 20)
        {
            errors.Add("--memory-budget must be at least 1 MiB");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsWildcard(Uri uri) =>
        System.Net.IPAddress.TryParse(uri.Host, out var ip) && (ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any));

    private static Uri? CheckUrl(List<string> errors, string setting, string value, string scheme)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{setting} is required ({scheme}://host:port)");
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != scheme || uri.IsDefaultPort && uri.Port <= 0
            || uri.AbsolutePath != "/" || uri.Port is < 1 or > 65535)
        {
            errors.Add($"{setting} '{value}' is not a {scheme}://host:port address");
            return null;
        }

        return uri;
    }
}
