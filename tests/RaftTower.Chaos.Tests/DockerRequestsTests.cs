using RaftTower.Chaos.Backends;

namespace RaftTower.Chaos.Tests;

public class DockerRequestsTests
{
    private static readonly Dictionary<string, string> Labels = new() { [DockerCluster.RunLabel] = "4242" };

    [Fact]
    public void The_network_is_internal_with_its_own_subnet_gateway_and_run_label()
    {
        var body = DockerRequests.InternalNetwork("rtchaos-4242", "172.29.7.0/24", "172.29.7.1", Labels);
        Assert.Equal(
            """{"Name":"rtchaos-4242","Driver":"bridge","Internal":true,"CheckDuplicate":true,"IPAM":{"Driver":"default","Config":[{"Subnet":"172.29.7.0/24","Gateway":"172.29.7.1"}]},"Labels":{"rafttower.chaos.run":"4242"}}""",
            body.ToJsonString());
    }

    [Fact]
    public void A_node_container_gets_its_arguments_data_bind_fixed_address_and_run_label()
    {
        var body = DockerRequests.Container(
            "rafttower-node:local", ["--id", "2", "--data-dir", "/data"], "/runs/r1/data/n2", "rtchaos-4242", "172.29.7.12", Labels);
        Assert.Equal("rafttower-node:local", body["Image"]!.GetValue<string>());
        Assert.Equal(["--id", "2", "--data-dir", "/data"], body["Cmd"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("/runs/r1/data/n2:/data", body["HostConfig"]!["Binds"]![0]!.GetValue<string>());
        Assert.Equal("rtchaos-4242", body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
        Assert.Equal("172.29.7.12", body["NetworkingConfig"]!["EndpointsConfig"]!["rtchaos-4242"]!["IPAMConfig"]!["IPv4Address"]!.GetValue<string>());
        Assert.Equal("4242", body["Labels"]![DockerCluster.RunLabel]!.GetValue<string>());
    }
}
