namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>The bad-input tests share one cluster and run one after another, so each ends on a cluster the others also hit.</summary>
[CollectionDefinition(Name)]
public sealed class FuzzClusterDefinition : ICollectionFixture<FuzzCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fuzz";
}
