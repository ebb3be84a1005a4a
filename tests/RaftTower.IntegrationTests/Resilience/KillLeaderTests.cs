using System.Diagnostics;
using RaftTower.Testing;
using Xunit.Abstractions;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>kill -9 of the leader under a steady write load (issue 4).</summary>
public sealed class KillLeaderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_leader_is_replaced_and_no_acknowledged_write_is_lost_or_doubled()
    {
        await using var cluster = new TestCluster(3, electionTimeoutMs: 500);
        try
        {
            await cluster.StartAsync();
            await using var client = cluster.CreateClient();
            var load = new WriteLoad("kill:set", "kill:counter");
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(client, workers: 8, stop.Token);
            await WaitForAcknowledgedAsync(load, 100);

            var oldLeader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
            var ackedBefore = load.Acknowledged.Count;
            var killedAt = Stopwatch.GetTimestamp();
            oldLeader.Kill();
            var newLeader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), except: oldLeader.Id);
            var electedAfter = Stopwatch.GetElapsedTime(killedAt);
            output.WriteLine($"node {oldLeader.Id} killed; node {newLeader.Id} leads after {electedAfter.TotalMilliseconds:0} ms");

            // The client carries on by itself: acknowledged writes keep coming after the kill.
            await WaitForAcknowledgedAsync(load, ackedBefore + 200);
            cluster.Start(oldLeader);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await running;

            await load.VerifyAsync(client);
            Assert.Empty(load.Failures);

            // Three election timeouts, counted from the randomized upper bound (2×) of the configured one, plus the
            // status polling granularity; a leader found later than that fails the test.
            Assert.True(electedAfter < cluster.ElectionTimeout * 6 + TimeSpan.FromSeconds(1), $"new leader after {electedAfter}");

            // The restarted node catches up with everything that was committed.
            var leaderStatus = await TestCluster.StatusAsync(await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(10)));
            await TestCluster.WaitForAppliedAsync(oldLeader, leaderStatus!.CommitIndex, TimeSpan.FromSeconds(30));
        }
        catch
        {
            output.WriteLine(cluster.DumpLogs());
            throw;
        }
    }

    private static async Task WaitForAcknowledgedAsync(WriteLoad load, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (load.Acknowledged.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {load.Acknowledged.Count} of {count} writes acknowledged; failures: {string.Join("; ", load.Failures.Take(3))}");
            await Task.Delay(50);
        }
    }
}
