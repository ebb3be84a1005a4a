using System.Text.Json;
using RaftTower.Chaos.Backends;
using RaftTower.Client;

namespace RaftTower.Chaos.DockerTests;

/// <summary>
/// The docker backend against real containers: one 3-node cluster taken through every fault, the member hooks and
/// the teardown. Every wait is bounded; nothing here decides on timing beyond "within the bound".
/// </summary>
public sealed class DockerClusterTests
{
    private static readonly string[] NodeArguments = ["--election-timeout-ms", "600", "--heartbeat-ms", "60"];
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Faults_member_reset_and_teardown_work_on_real_containers()
    {
        var root = Path.Combine(Path.GetTempPath(), "rafttower-docker-tests", Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var cluster = DockerCluster.Create(3, root, NodeArguments, TextWriter.Null);
            await using (cluster)
            {
                await cluster.StartAsync(TimeSpan.FromSeconds(60));
                await using var client = new TowerClient(new TowerClientOptions { Endpoints = cluster.ClientUrls, RequestTimeout = TimeSpan.FromSeconds(10) });
                await client.SetStringAsync("k", "before");

                // Isolating the leader: the other two elect one of themselves; healed, all three agree again.
                var first = (await cluster.LeaderAsync(Bound))!.Value;
                await cluster.PartitionAsync((from, to) => from == to || (from != first && to != first));
                var second = await LeaderOtherThanAsync(cluster, first);
                Assert.NotEqual(first, second);
                await cluster.HealLinksAsync();
                await UntilAsync(async () => (await StatusAsync(cluster, first))?.LeaderId is { } l && l != first && l != 0);

                // Kill: no answer; restart: it answers again with its data (what it applied survives).
                var applied = (await StatusAsync(cluster, first))!.Value.Applied;
                await cluster.KillAsync(first);
                Assert.Null(await StatusAsync(cluster, first));
                await cluster.RestartAsync(first);
                await UntilAsync(async () => (await StatusAsync(cluster, first))?.Applied >= applied);

                // Pause: the node hangs; resume: it answers.
                await cluster.PauseAsync(first);
                Assert.Null(await StatusAsync(cluster, first));
                await cluster.ResumeAsync(first);
                await UntilAsync(async () => await StatusAsync(cluster, first) is not null);

                // Member hooks: remove a follower, reset it as an empty joiner, add it back at PeerAddressOf; it catches up.
                var leader = (await cluster.LeaderAsync(Bound))!.Value;
                var joiner = cluster.Ids.First(id => id != leader);
                await client.RemoveMemberAsync(joiner);
                await cluster.ResetAsJoinerAsync(joiner);
                await UntilAsync(async () => await StatusAsync(cluster, joiner) is { Members: 0 });
                await client.SetStringAsync("k", "after");
                Assert.Equal($"{HostOf(cluster, joiner)}:7201", cluster.PeerAddressOf(joiner));
                await client.AddMemberAsync(joiner, cluster.PeerAddressOf(joiner), cluster.ClientUrls[(int)joiner - 1], asLearner: false);
                var leaderApplied = (await StatusAsync(cluster, leader))!.Value.Applied;
                await UntilAsync(async () => await StatusAsync(cluster, joiner) is { Members: 3 } s && s.Applied >= leaderApplied);

                await cluster.StopAsync();
            }

            // Torn down: no container or network of this run is left; each node's log is plain text.
            using var engine = new DockerEngine();
            var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain(await engine.ContainersLabelledAsync(DockerCluster.RunLabel), c => c.LabelValue == pid);
            Assert.DoesNotContain(await engine.NetworksLabelledAsync(DockerCluster.RunLabel), n => n.LabelValue == pid);
            foreach (var id in new[] { 1, 2, 3 })
            {
                var log = await File.ReadAllTextAsync(Path.Combine(root, "logs", $"n{id}.log"));
                Assert.Contains($"Node {id} started", log, StringComparison.Ordinal);
                Assert.DoesNotContain('\u0001', log);
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static string HostOf(DockerCluster cluster, ulong id) => new Uri(cluster.ClientUrls[(int)id - 1]).Host;

    private static async Task<ulong> LeaderOtherThanAsync(DockerCluster cluster, ulong old)
    {
        var leader = 0UL;
        await UntilAsync(async () => (leader = await cluster.LeaderAsync(TimeSpan.Zero) ?? 0) is not 0 && leader != old);
        return leader;
    }

    private static async Task<(ulong LeaderId, long Applied, int Members)?> StatusAsync(DockerCluster cluster, ulong id)
    {
        try
        {
            var admin = new UriBuilder(cluster.ClientUrls[(int)id - 1]) { Port = DockerNode.AdminPort, Path = "status" }.Uri;
            using var document = JsonDocument.Parse(await Admin.GetStringAsync(admin));
            var status = document.RootElement;
            return (status.GetProperty("leaderId").GetUInt64(), status.GetProperty("appliedIndex").GetInt64(), status.GetProperty("members").GetArrayLength());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="Bound"/>.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {Bound.TotalSeconds:0} s");
            await Task.Delay(200);
        }
    }
}
