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
        return node.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await node.DisposeAsync().ConfigureAwait(false);
}
