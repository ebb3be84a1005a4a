using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary><c>services.AddTowerClient</c> and the <c>RaftTower.Client</c> meter.</summary>
public sealed class RegistrationAndMetricsTests : IAsyncLifetime
{
    private FakeNode _follower = null!;
    private FakeNode _leader = null!;

    public async Task InitializeAsync()
    {
        _follower = await FakeNode.StartAsync();
        _leader = await FakeNode.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _follower.DisposeAsync();
        await _leader.DisposeAsync();
    }

    [Fact]
    public async Task Add_tower_client_registers_one_configured_client_disposed_with_the_container()
    {
        _leader.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { String = "v" } }));
        var services = new ServiceCollection();
        services.AddTowerClient(o =>
        {
            o.Endpoints = [_leader.Address];
            o.RequestTimeout = TimeSpan.FromSeconds(9);
        });
        TowerClient client;

        await using (var provider = services.BuildServiceProvider())
        {
            client = provider.GetRequiredService<TowerClient>();
            Assert.Same(client, provider.GetRequiredService<TowerClient>());
            Assert.Equal(TimeSpan.FromSeconds(9), provider.GetRequiredService<IOptions<TowerClientOptions>>().Value.RequestTimeout);
            Assert.Equal("v", await client.GetStringAsync("k"));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetStringAsync("k"));
    }

    [Fact]
    public async Task Meter_counts_requests_redirects_retries_and_latency()
    {
        var calls = 0;
        _follower.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Error = new Error { Code = ErrorCode.NotLeader, LeaderHint = _leader.Address } }));
        _leader.Execute = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? NodeAnswer.Drop<ExecuteResponse>()
            : NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = 1 } }));
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TowerClient.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(totals, i.Name, v));
        listener.SetMeasurementEventCallback<double>((i, _, _, _) => Add(totals, i.Name, 1));
        listener.Start();
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_follower.Address], RequestTimeout = TimeSpan.FromSeconds(30) });

        await client.IncIntAsync("k");

        // Other test classes may run clients in parallel: count at least what this call did.
        Assert.True(totals.GetValueOrDefault("rafttower.client.requests") >= 1);
        Assert.True(totals.GetValueOrDefault("rafttower.client.redirects") >= 1);
        Assert.True(totals.GetValueOrDefault("rafttower.client.retries") >= 1);
        Assert.True(totals.GetValueOrDefault("rafttower.client.request.duration") >= 1);
    }

    private static void Add(Dictionary<string, double> totals, string name, double value)
    {
        lock (totals)
        {
            totals[name] = totals.GetValueOrDefault(name) + value;
        }
    }
}
