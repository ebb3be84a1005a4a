using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// The docker backend's partitions: iptables rules in each container's network namespace (entered with <c>nsenter</c>,
/// running the host's iptables, so the image needs none). Only two chains of our own are touched, RTCHAOS-IN (jumped
/// to first from INPUT) and RTCHAOS-OUT (first from OUTPUT); rewriting a node's rules flushes and refills both at once.
/// </summary>
/// <remarks>
/// A cut directed link (from → to) drops every IP packet from <c>from</c>'s address to <c>to</c>'s: OUTPUT -d to in
/// from's namespace and INPUT -s from in to's (either alone cuts; both keep the cut when one side's rules are lost,
/// e.g. a restarted container gets a fresh namespace, until they are rewritten). TCP needs packets both ways, so a
/// cut link stalls every connection between the two nodes, whoever dialed it, as a real one-way loss would; the
/// partition plans are symmetric anyway. Packets are dropped, not rejected: connections hang until the peer
/// transport's own timeouts, like across a failed switch. Only peer addresses are matched, so the host (clients, the
/// harness's status probes) still reaches every node.
/// </remarks>
internal static class DockerFirewall
{
    public const string InChain = "RTCHAOS-IN";
    public const string OutChain = "RTCHAOS-OUT";

    /// <summary>
    /// The shell script that sets node <paramref name="self"/>'s chains to exactly the cuts <paramref name="connected"/>
    /// implies (empty chains when every link is whole); <paramref name="ips"/> maps every node id to its address.
    /// </summary>
    public static string Script(ulong self, IReadOnlyDictionary<ulong, string> ips, Func<ulong, ulong, bool> connected)
    {
        var rules = new StringBuilder();
        rules.Append("*filter\n").Append(CultureInfo.InvariantCulture, $":{InChain} - [0:0]\n:{OutChain} - [0:0]\n");
        foreach (var (peer, ip) in ips.OrderBy(p => p.Key).Where(p => p.Key != self))
        {
            if (!connected(peer, self))
            {
                rules.Append(CultureInfo.InvariantCulture, $"-A {InChain} -s {ip} -j DROP\n");
            }

            if (!connected(self, peer))
            {
                rules.Append(CultureInfo.InvariantCulture, $"-A {OutChain} -d {ip} -j DROP\n");
            }
        }

        rules.Append("COMMIT\n");

        // --noflush: the chains declared above are created or flushed, nothing else in the table is touched.
        return "set -e\niptables-restore --noflush <<'RULES'\n" + rules + "RULES\n"
            + $"iptables -C INPUT -j {InChain} 2>/dev/null || iptables -I INPUT 1 -j {InChain}\n"
            + $"iptables -C OUTPUT -j {OutChain} 2>/dev/null || iptables -I OUTPUT 1 -j {OutChain}\n";
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh</c> in the network namespace of process <paramref name="pid"/>.</summary>
    public static async Task ApplyAsync(int pid, string script)
    {
        var info = new ProcessStartInfo("nsenter", ["-t", pid.ToString(CultureInfo.InvariantCulture), "-n", "sh", "-s"])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start nsenter");
        await process.StandardInput.WriteAsync(script).ConfigureAwait(false);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"iptables in the network namespace of pid {pid} failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}");
        }
    }
}
