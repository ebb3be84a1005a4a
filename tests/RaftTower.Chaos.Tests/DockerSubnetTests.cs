using System.Net;
using RaftTower.Chaos.Backends;

namespace RaftTower.Chaos.Tests;

public class DockerSubnetTests
{
    [Fact]
    public void The_pick_starts_at_the_seed_and_skips_subnets_in_use()
    {
        Assert.Equal(IPNetwork.Parse("172.29.40.0/24"), DockerSubnet.Pick(40, []));
        Assert.Equal(IPNetwork.Parse("172.29.41.0/24"), DockerSubnet.Pick(40, [IPNetwork.Parse("172.29.40.0/24")]));
        Assert.Equal(IPNetwork.Parse("172.29.0.0/24"), DockerSubnet.Pick(255, [IPNetwork.Parse("172.29.255.0/24")]));
    }

    [Fact]
    public void A_wider_network_in_use_rules_out_every_candidate_inside_it()
    {
        Assert.Null(DockerSubnet.Pick(3, [IPNetwork.Parse("172.16.0.0/12")]));
        Assert.Equal(IPNetwork.Parse("172.29.64.0/24"), DockerSubnet.Pick(3, [IPNetwork.Parse("172.29.0.0/18")]));
    }

    [Fact]
    public void Node_addresses_and_the_gateway_lie_in_the_subnet()
    {
        var subnet = DockerSubnet.Candidate(300);
        Assert.Equal("172.29.44.1", DockerSubnet.Address(subnet, 1));
        Assert.Equal("172.29.44.15", DockerSubnet.Address(subnet, 15));
        Assert.True(subnet.Contains(IPAddress.Parse(DockerSubnet.Address(subnet, 15))));
    }

    [Fact]
    public void Host_routes_are_read_from_the_kernel_table_in_little_endian_hex_without_the_default_route()
    {
        var table = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(table,
            [
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
            ]);
            Assert.Equal([IPNetwork.Parse("172.17.0.0/16"), IPNetwork.Parse("192.0.2.0/24")], DockerSubnet.HostRoutes(table));
        }
        finally
        {
            File.Delete(table);
        }
    }

    [Fact]
    public void Engine_subnets_that_are_not_ipv4_cidr_are_skipped()
    {
        Assert.Equal([IPNetwork.Parse("172.18.0.0/16")], DockerSubnet.ParseAll(["172.18.0.0/16", "fd00::/64", "garbage"]));
    }
}
