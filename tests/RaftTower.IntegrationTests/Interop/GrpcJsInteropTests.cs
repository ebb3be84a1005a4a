using RaftTower.Testing;
using Xunit.Abstractions;

namespace RaftTower.IntegrationTests.Interop;

/// <summary>
/// A client written by someone else — grpc-js with proto-loader reading our tower.proto — against a real 3-node
/// cluster, started on a follower so it has to follow NOT_LEADER's leader_hint. What it wrote must then be visible
/// through <see cref="RaftTower.Client.TowerClient"/>.
/// </summary>
public sealed class GrpcJsInteropTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Grpc_js_client_follows_leader_hint_and_its_writes_are_visible_to_TowerClient()
    {
        await using var cluster = new TestCluster(3);
        await cluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = cluster.Nodes.First(n => n.Id != leader.Id);
        var prefix = "interop-" + Guid.NewGuid().ToString("N")[..8];

        var run = await InteropScript.RunAsync(follower.ClientUrl, prefix);
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"node interop.mjs exited with {run.ExitCode}:\n{run.Output}\n{cluster.DumpLogs(40)}");
        Assert.Contains($"NOT_LEADER from {follower.ClientUrl}", run.Output, StringComparison.Ordinal);
        Assert.Contains("interop OK", run.Output, StringComparison.Ordinal);

        await using var client = cluster.CreateClient();
        Assert.Equal("grpc-js naïve ✓", await client.GetStringAsync($"{prefix}:str"));
        Assert.Equal(42, await client.GetIntAsync($"{prefix}:int"));
        Assert.Equal(8, await client.GetIntAsync($"{prefix}:batch"));
        Assert.Equal("after-cas", await client.GetStringAsync($"{prefix}:cas"));
        Assert.False(await client.ExistsAsync($"{prefix}:gone"));
    }
}
