using RaftTower.Client;
using RaftTower.Testing;
using Xunit.Abstractions;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>Followers redirect clients, and a follower cut off from the others never serves stale reads (issue 4).</summary>
public sealed class FollowerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Client_given_only_a_followers_url_finds_the_leader()
    {
        await using var cluster = new TestCluster(3);
        try
        {
            await cluster.StartAsync();
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            var follower = cluster.Nodes.First(n => n.Id != leader.Id);
            await using var client = cluster.CreateClient([follower.ClientUrl]);

            Assert.Equal(7, await client.AddIntAsync("follower:k", 7));
            Assert.Equal(7, await client.GetIntAsync("follower:k"));
            Assert.Equal(leader.Id, (await client.GetClusterStatusAsync()).LeaderId);
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }

    [Fact]
    public async Task Follower_cut_off_from_the_others_does_not_answer_reads_as_if_current()
    {
        await using var cluster = new TestCluster(3);
        try
        {
            await cluster.StartAsync();
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            var follower = cluster.Nodes.First(n => n.Id != leader.Id);
            await using (var setup = cluster.CreateClient())
            {
                await setup.SetStringAsync("isolated:k", "v1");
            }

            // Freeze the two others: the follower is alone, with a log that may already be stale.
            var others = cluster.Nodes.Where(n => n.Id != follower.Id).ToList();
            others.ForEach(n => n.Pause());
            try
            {
                await using var client = cluster.CreateClient([follower.ClientUrl], requestTimeout: TimeSpan.FromSeconds(3));
                var error = await Assert.ThrowsAnyAsync<TowerException>(() => client.GetStringAsync("isolated:k"));
                Assert.Contains(error.Code, new[] { TowerErrorCode.Unavailable, TowerErrorCode.Indeterminate });
                output.WriteLine($"isolated read refused: {error.Message}");
            }
            finally
            {
                others.ForEach(n => n.Resume());
            }

            await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
            await using var after = cluster.CreateClient();
            Assert.Equal("v1", await after.GetStringAsync("isolated:k"));
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }
}
