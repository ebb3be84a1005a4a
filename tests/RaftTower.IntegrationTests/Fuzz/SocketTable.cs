using System.Globalization;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Reads the kernel's IPv4/IPv6 TCP tables (<c>/proc/net/tcp*</c>) to find server-side sockets in CLOSE_WAIT: the
/// peer closed, the server never did — a leaked connection.
/// </summary>
internal static class SocketTable
{
    private const string CloseWait = "08";

    /// <summary>The local ports, among <paramref name="ports"/>, of every socket in CLOSE_WAIT (one entry per socket).</summary>
    public static IReadOnlyList<int> CloseWaitOn(IReadOnlySet<int> ports)
    {
        Assert.True(OperatingSystem.IsLinux(), "the leak check reads /proc/net/tcp; the bad-input tests run on Linux, as CI does");
        var found = new List<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // "  sl  local_address rem_address   st ...": local_address is HEXIP:HEXPORT, st the state in hex.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != CloseWait)
                {
                    continue;
                }

                var port = int.Parse(fields[1].AsSpan(fields[1].LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (ports.Contains(port))
                {
                    found.Add(port);
                }
            }
        }

        return found;
    }
}
