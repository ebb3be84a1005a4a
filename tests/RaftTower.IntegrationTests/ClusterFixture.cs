using RaftTower.Testing;

namespace RaftTower.IntegrationTests;

/// <summary>One 3-node cluster shared by the tests that only read and write (they use distinct keys).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new(3);

    public Task InitializeAsync() => Cluster.StartAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}
