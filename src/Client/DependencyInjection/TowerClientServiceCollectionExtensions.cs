using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RaftTower.Client;

// The conventional namespace for IServiceCollection extensions, so `services.AddTowerClient` needs no extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers a shared <see cref="TowerClient"/> in a service collection.</summary>
public static class TowerClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TowerClientOptions"/> (configured by <paramref name="configure"/> and any other
    /// <c>Configure&lt;TowerClientOptions&gt;</c> call) and one singleton <see cref="TowerClient"/>, disposed with the container.
    /// </summary>
    /// <example><code>services.AddTowerClient(o => o.Endpoints = ["http://10.0.0.1:7101", "http://10.0.0.2:7101"]);</code></example>
    public static IServiceCollection AddTowerClient(this IServiceCollection services, Action<TowerClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TowerClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(provider => new TowerClient(provider.GetRequiredService<IOptions<TowerClientOptions>>().Value));
        return services;
    }
}
