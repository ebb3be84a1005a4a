namespace RaftTower.Bench.Load;

/// <summary>One system under test, as the load generator sees it. Implementations are safe for concurrent calls.</summary>
internal interface IBenchDriver : IAsyncDisposable
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>; acknowledged only once committed.</summary>
    Task PutAsync(string key, byte[] value, CancellationToken cancellationToken);

    /// <summary>A linearizable read of <paramref name="key"/>.</summary>
    Task GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Atomically adds <paramref name="delta"/> to the integer at <paramref name="key"/>.</summary>
    Task AddAsync(string key, long delta, CancellationToken cancellationToken);
}
