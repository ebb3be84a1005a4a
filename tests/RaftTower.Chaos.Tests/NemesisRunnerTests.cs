using RaftTower.Chaos.Backends;
using RaftTower.Chaos.Nemesis;

namespace RaftTower.Chaos.Tests;

public sealed class NemesisRunnerTests
{
    [Fact]
    public async Task A_fault_the_backend_cannot_inject_is_logged_healed_and_skipped()
    {
        var cluster = new RefusingCluster();
        var log = new StringWriter();
        var runner = new NemesisRunner(cluster, log, seed: 1);
        IReadOnlyList<NemesisStep> steps =
        [
            new(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), FaultKind.PauseAll),
            new(TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(50), FaultKind.KillRandom),
        ];

        await runner.RunAsync(steps, System.Diagnostics.Stopwatch.GetTimestamp(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("could not apply PauseAll: unable to freeze", log.ToString(), StringComparison.Ordinal);
        var window = Assert.Single(runner.Windows); // only the kill was held
        Assert.StartsWith("kill n", window.Name, StringComparison.Ordinal);
        Assert.Equal(1, cluster.Restarts);
        Assert.True(cluster.HealAlls >= 2); // after the refused fault, and at the end
    }

    /// <summary>A backend whose pause always fails, as Docker's does when the cgroup freezer gives up.</summary>
    private sealed class RefusingCluster : IChaosCluster
    {
        public int Restarts { get; private set; }

        public int HealAlls { get; private set; }

        public IReadOnlyList<ulong> Ids { get; } = [1, 2, 3];

        public IReadOnlyList<string> ClientUrls { get; } = ["http://127.0.0.1:1"];

        public Task StartAsync(TimeSpan timeout) => Task.CompletedTask;

        public Task<ulong?> LeaderAsync(TimeSpan timeout) => Task.FromResult<ulong?>(null);

        public Task KillAsync(ulong id) => Task.CompletedTask;

        public Task RestartAsync(ulong id)
        {
            Restarts++;
            return Task.CompletedTask;
        }

        public Task PauseAsync(ulong id) => throw new InvalidOperationException("unable to freeze");

        public Task ResumeAsync(ulong id) => Task.CompletedTask;

        public Task PartitionAsync(Func<ulong, ulong, bool> connected) => Task.CompletedTask;

        public Task HealLinksAsync() => Task.CompletedTask;

        public Task HealAllAsync()
        {
            HealAlls++;
            return Task.CompletedTask;
        }

        public string PeerAddressOf(ulong id) => $"127.0.0.1:{id}";

        public Task ResetAsJoinerAsync(ulong id) => Task.CompletedTask;

        public Task StopAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
