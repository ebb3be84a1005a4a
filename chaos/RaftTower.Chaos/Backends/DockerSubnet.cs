using System.Globalization;
using System.Net;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// Picks the /24 a run's network uses: 172.29.X.0/24 with X starting from the harness's pid (so concurrent runs start
/// apart) and skipping every subnet that overlaps one in use (the engine's networks, the host's routes).
/// </summary>
internal static class DockerSubnet
{
    /// <summary>The first free candidate at or after <paramref name="seed"/> (mod 256), or null when all 256 are taken.</summary>
    public static IPNetwork? Pick(int seed, IEnumerable<IPNetwork> used)
    {
        var taken = used.ToList();
        for (var i = 0; i < 256; i++)
        {
            var candidate = Candidate(seed + i);
            if (!taken.Any(t => Overlap(t, candidate)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Candidate number <paramref name="n"/> (mod 256).</summary>
    public static IPNetwork Candidate(int n) => IPNetwork.Parse($"172.29.{(n % 256 + 256) % 256}.0/24");

    /// <summary>Address <paramref name="host"/> of <paramref name="subnet"/> (.1 is the gateway, node i is .(10+i)).</summary>
    public static string Address(IPNetwork subnet, int host)
    {
        var bytes = subnet.BaseAddress.GetAddressBytes();
        bytes[3] = (byte)host;
        return new IPAddress(bytes).ToString();
    }

    /// <summary>True when the two networks share an address.</summary>
    public static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    /// <summary>Parses CIDR texts, skipping what is not IPv4 or not CIDR.</summary>
    public static IEnumerable<IPNetwork> ParseAll(IEnumerable<string> cidrs) =>
        cidrs.Select(c => IPNetwork.TryParse(c, out var n) && n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? n : (IPNetwork?)null)
            .OfType<IPNetwork>();

    /// <summary>The host's IPv4 routes from /proc/net/route (destinations and masks are little-endian hex), default route excluded.</summary>
    public static IEnumerable<IPNetwork> HostRoutes(string routeTable = "/proc/net/route")
    {
        if (!File.Exists(routeTable))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(routeTable).Skip(1))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length >= 8
                && uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                && uint.TryParse(fields[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
                && mask != 0)
            {
                var prefix = System.Numerics.BitOperations.PopCount(mask);
                yield return new IPNetwork(new IPAddress(BitConverter.GetBytes(destination)), prefix);
            }
        }
    }
}
