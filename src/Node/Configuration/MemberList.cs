using System.Globalization;
using System.Net;

namespace RaftTower.Node.Configuration;

/// <summary>Parses the <c>--members</c> list: <c>id=host:port</c> pairs separated by commas.</summary>
internal static class MemberList
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which pair is wrong and why.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<ulong, DnsEndPoint> members, out string error)
    {
        var parsed = new Dictionary<ulong, DnsEndPoint>();
        members = parsed;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"member '{raw}' is not of the form id=host:port";
                return false;
            }

            if (!ulong.TryParse(raw.AsSpan(0, equals), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
            {
                error = $"member '{raw}' has an invalid id (a positive integer is required)";
                return false;
            }

            if (!TryParseHostPort(raw[(equals + 1)..], out var endpoint))
            {
                error = $"member '{raw}' has an invalid address (host:port with a port in 1..65535 is required)";
                return false;
            }

            if (!parsed.TryAdd(id, endpoint))
            {
                error = $"member id {id} appears more than once";
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses <c>host:port</c> (IPv6 hosts in brackets).</summary>
    public static bool TryParseHostPort(string text, out DnsEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new DnsEndPoint(host, port);
        return true;
    }
}
