namespace RaftTower.Chaos.Backends;

/// <summary>Creates the cluster of the backend a run names (<c>--backend</c>).</summary>
internal static class ClusterFactory
{
    /// <summary>The backends <c>--backend</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Backends = ["local", "docker"];

    /// <summary>A cluster of <paramref name="size"/> nodes whose data and logs live under <paramref name="root"/>.</summary>
    public static IChaosCluster Create(string backend, int size, string root, IReadOnlyList<string> nodeArguments) => backend switch
    {
        "local" => LocalCluster.Create(size, root, LocalCluster.FindNodeDll(), nodeArguments),
        "docker" => DockerCluster.Create(size, root, nodeArguments, Console.Out),
        _ => throw new ArgumentException($"unknown backend '{backend}' (use {string.Join(" or ", Backends)})", nameof(backend)),
    };
}
