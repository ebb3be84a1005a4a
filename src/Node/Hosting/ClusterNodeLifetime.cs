using Microsoft.Extensions.Hosting;
using RaftTower.Node.Cluster;

namespace RaftTower.Node.Hosting;

/// <summary>Starts the replica with the host and stops it (flushing and closing its files) on shutdown.</summary>
internal sealed class ClusterNodeLifetime(ClusterNode node, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        node.Crashed += _ =>
        {
            Environment.ExitCode = 70;
            lifetime.StopApplication();
        };
        WatchDevParent();
        return node.StartAsync();
    }

    /// <summary>A node started by <c>rafttower-node dev</c> stops when that process dies without stopping it (kill -9).</summary>
    private void WatchDevParent()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(DevCluster.ParentPidVariable), System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false) && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                try
                {
                    using var parent = System.Diagnostics.Process.GetProcessById(pid);
                    if (parent.HasExited)
                    {
                        lifetime.StopApplication();
                    }
                }
                catch (ArgumentException)
                {
                    lifetime.StopApplication();
                }
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await node.DisposeAsync().ConfigureAwait(false);
}
