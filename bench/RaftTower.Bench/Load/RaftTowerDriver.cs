using RaftTower.Client;

namespace RaftTower.Bench.Load;

/// <summary>
/// RaftTower through its own client, as an application uses it: one shared <see cref="TowerClient"/> for every
/// load-generator client (it is thread-safe and pools its HTTP/2 connections), or <c>--connections</c> of them
/// used in turn. Put is <c>SetBinaryAsync</c> of the
/// same bytes the etcd driver writes, get is <c>GetBinaryAsync</c> (a linearizable read through ReadIndex),
/// hot-add is <c>AddIntAsync</c> (one atomic command, no read-modify-write loop). <c>--no-coalesce</c> and
/// <c>--max-in-flight</c> set the client's <see cref="TowerClientOptions.CoalesceCalls"/> and
/// <see cref="TowerClientOptions.MaxCallsInFlightPerNode"/>; <c>--confirm-reads</c> turns
/// <see cref="TowerClientOptions.ConfirmReadsThroughFollower"/> on.
/// </summary>
internal sealed class RaftTowerDriver(IReadOnlyList<Uri> endpoints, int connections, bool coalesce, int maxInFlight, bool confirmReads) : IBenchDriver
{
    private readonly TowerClient[] _clients = Enumerable.Range(0, connections).Select(_ => new TowerClient(new TowerClientOptions
    {
        Endpoints = endpoints.Select(e => e.ToString()).ToArray(),
        RequestTimeout = TimeSpan.FromSeconds(10),
        CoalesceCalls = coalesce,
        MaxCallsInFlightPerNode = maxInFlight,
        ConfirmReadsThroughFollower = confirmReads,
    })).ToArray();

    private int _next;

    public string Name => "rafttower";

    public Task PutAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        Pick().SetBinaryAsync(key, value, cancellationToken);

    public Task GetAsync(string key, CancellationToken cancellationToken) =>
        Pick().GetBinaryAsync(key, cancellationToken);

    public Task AddAsync(string key, long delta, CancellationToken cancellationToken) =>
        Pick().AddIntAsync(key, delta, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TowerClient Pick() => _clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Length)];
}
