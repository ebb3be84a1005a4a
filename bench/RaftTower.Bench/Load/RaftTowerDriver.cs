using RaftTower.Client;

namespace RaftTower.Bench.Load;

/// <summary>
/// RaftTower through its own client, as an application uses it: one shared <see cref="TowerClient"/> for every
/// load-generator client (it is thread-safe and pools its HTTP/2 connections). Put is <c>SetBinaryAsync</c> of the
/// same bytes the etcd driver writes, get is <c>GetBinaryAsync</c> (a linearizable read through ReadIndex),
/// hot-add is <c>AddIntAsync</c> (one atomic command, no read-modify-write loop).
/// </summary>
internal sealed class RaftTowerDriver(IReadOnlyList<Uri> endpoints) : IBenchDriver
{
    private readonly TowerClient _client = new(new TowerClientOptions
    {
        Endpoints = endpoints.Select(e => e.ToString()).ToArray(),
        RequestTimeout = TimeSpan.FromSeconds(10),
    });

    public string Name => "rafttower";

    public Task PutAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        _client.SetBinaryAsync(key, value, cancellationToken);

    public Task GetAsync(string key, CancellationToken cancellationToken) =>
        _client.GetBinaryAsync(key, cancellationToken);

    public Task AddAsync(string key, long delta, CancellationToken cancellationToken) =>
        _client.AddIntAsync(key, delta, cancellationToken);

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
