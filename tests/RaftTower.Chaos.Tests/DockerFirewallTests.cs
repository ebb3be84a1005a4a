using RaftTower.Chaos.Backends;
using RaftTower.Chaos.Nemesis;

namespace RaftTower.Chaos.Tests;

public class DockerFirewallTests
{
    private static readonly Dictionary<ulong, string> Ips = new()
    {
        [1] = "172.29.5.11",
        [2] = "172.29.5.12",
        [3] = "172.29.5.13",
    };

    [Fact]
    public void An_isolated_node_drops_every_peer_both_ways_and_the_others_drop_only_it()
    {
        var plan = PartitionPlan.For(FaultKind.PartitionIsolateLeader, [1, 2, 3], leader: 1, new Random(7));

        var isolated = Rules(DockerFirewall.Script(1, Ips, plan.Connected));
        Assert.Equal(
            ["-A RTCHAOS-IN -s 172.29.5.12 -j DROP", "-A RTCHAOS-OUT -d 172.29.5.12 -j DROP", "-A RTCHAOS-IN -s 172.29.5.13 -j DROP", "-A RTCHAOS-OUT -d 172.29.5.13 -j DROP"],
            isolated);
        Assert.Equal(["-A RTCHAOS-IN -s 172.29.5.11 -j DROP", "-A RTCHAOS-OUT -d 172.29.5.11 -j DROP"], Rules(DockerFirewall.Script(2, Ips, plan.Connected)));
    }

    [Fact]
    public void A_cut_directed_link_drops_output_at_its_source_and_input_at_its_destination_only()
    {
        static bool OneWay(ulong from, ulong to) => !(from == 1 && to == 2);

        Assert.Equal(["-A RTCHAOS-OUT -d 172.29.5.12 -j DROP"], Rules(DockerFirewall.Script(1, Ips, OneWay)));
        Assert.Equal(["-A RTCHAOS-IN -s 172.29.5.11 -j DROP"], Rules(DockerFirewall.Script(2, Ips, OneWay)));
        Assert.Empty(Rules(DockerFirewall.Script(3, Ips, OneWay)));
    }

    [Fact]
    public void Healing_declares_both_chains_empty_so_the_restore_flushes_them()
    {
        var script = DockerFirewall.Script(2, Ips, (_, _) => true);
        Assert.Empty(Rules(script));
        Assert.Contains(":RTCHAOS-IN - [0:0]\n:RTCHAOS-OUT - [0:0]\nCOMMIT\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_harness_chains_are_written_and_each_is_jumped_to_once()
    {
        var script = DockerFirewall.Script(3, Ips, (from, to) => from != 1 && to != 1);
        Assert.Contains("iptables-restore --noflush", script, StringComparison.Ordinal);
        Assert.Contains("iptables -C INPUT -j RTCHAOS-IN 2>/dev/null || iptables -I INPUT 1 -j RTCHAOS-IN", script, StringComparison.Ordinal);
        Assert.Contains("iptables -C OUTPUT -j RTCHAOS-OUT 2>/dev/null || iptables -I OUTPUT 1 -j RTCHAOS-OUT", script, StringComparison.Ordinal);
        Assert.All(script.Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal)), l => Assert.Matches("^-A RTCHAOS-(IN|OUT) ", l));
    }

    private static string[] Rules(string script) => [.. script.Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal))];
}
