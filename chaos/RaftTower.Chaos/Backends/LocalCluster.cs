using System.Net;
using System.Net.Sockets;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// The local backend: node processes on distinct loopback addresses (127.0.0.11, .12, ...), each reached by its
/// peers through one <see cref="LinkProxy"/> of its own (on its address, another port), so every node has one peer
/// address, the same for every member, as the replicated member directory needs. The proxy tells the callers apart
/// by source address (a node binds its outgoing peer connections to its advertised IP), so partitions still cut
/// each directed link on its own. Every node's <c>--members</c> lists itself at its real peer port and the others
/// at their proxies.
/// </summary>
internal sealed class LocalCluster : IChaosCluster
{
    private readonly List<LocalNode> _nodes = [];
    private readonly Dictionary<ulong, LinkProxy> _proxies = [];
    private readonly Dictionary<ulong, string> _members = [];
    private readonly HashSet<ulong> _joiners = [];
    private readonly string _nodeDll;

    private LocalCluster(string nodeDll) => _nodeDll = nodeDll;

    public IReadOnlyList<LocalNode> Nodes => _nodes;

    public IReadOnlyList<ulong> Ids => [.. _nodes.Select(n => n.Id)];

    public IReadOnlyList<string> ClientUrls => [.. _nodes.Select(n => n.ClientUrl)];

    /// <summary>Allocates addresses, ports and proxies for <paramref name="size"/> nodes under <paramref name="root"/> (logs in root/logs).</summary>
    public static LocalCluster Create(int size, string root, string nodeDll, IReadOnlyList<string> nodeArguments)
    {
        var cluster = new LocalCluster(nodeDll);
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        for (var i = 1; i <= size; i++)
        {
            var host = $"127.0.0.{10 + i}";
            var address = IPAddress.Parse(host);
            cluster._nodes.Add(new LocalNode(
                (ulong)i, host, FreePort(address), FreePort(address), FreePort(address),
                Path.Combine(root, "data", $"n{i}"), Path.Combine(root, "logs", $"n{i}.log"), nodeArguments));
        }

        foreach (var node in cluster._nodes)
        {
            var address = IPAddress.Parse(node.Host);
            cluster._proxies[node.Id] = new LinkProxy(address, new IPEndPoint(address, node.PeerPort), CallerOf);
        }

        foreach (var node in cluster._nodes)
        {
            cluster._members[node.Id] = string.Join(',', cluster._nodes.Select(n =>
                $"{n.Id}={(n.Id == node.Id ? $"{n.Host}:{n.PeerPort}" : cluster.PeerAddressOf(n.Id))}"));
        }

        return cluster;
    }

    /// <summary>Starts every node and waits for a leader.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        foreach (var node in _nodes)
        {
            node.Start(_nodeDll, _members[node.Id]);
        }

        if (await LeaderAsync(timeout).ConfigureAwait(false) is null)
        {
            throw new TimeoutException($"no leader within {timeout.TotalSeconds:0} s; see the nodes' logs");
        }
    }

    public LocalNode this[ulong id] => _nodes.Single(n => n.Id == id);

    /// <summary>(Re)starts a killed node with its data directory (a joiner still with no member list).</summary>
    public void Restart(ulong id) => this[id].Start(_nodeDll, _joiners.Contains(id) ? string.Empty : _members[id]);

    /// <inheritdoc />
    public Task KillAsync(ulong id) => Run(() => this[id].Kill());

    /// <inheritdoc />
    public Task RestartAsync(ulong id) => Run(() => Restart(id));

    /// <inheritdoc />
    public Task PauseAsync(ulong id) => Run(() => this[id].Pause());

    /// <inheritdoc />
    public Task ResumeAsync(ulong id) => Run(() => this[id].Resume());

    /// <inheritdoc />
    public Task PartitionAsync(Func<ulong, ulong, bool> connected) => Run(() => Partition(connected));

    /// <inheritdoc />
    public Task HealLinksAsync() => Run(HealLinks);

    /// <inheritdoc />
    public Task HealAllAsync() => Run(HealAll);

    /// <inheritdoc />
    public Task StopAsync() => Run(Stop);

    /// <inheritdoc />
    public string PeerAddressOf(ulong id) => $"{this[id].Host}:{_proxies[id].Endpoint.Port}";

    /// <inheritdoc />
    public Task ResetAsJoinerAsync(ulong id)
    {
        var node = this[id];
        node.Stop();
        Directory.Delete(node.DataDir, recursive: true);
        _joiners.Add(id);
        Restart(id);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Restarts the rejoined node (SIGTERM) with its member list: a joiner learns where the initial members listen from
    /// their hellos, which give their real peer ports, past the proxies; the list points it at the proxies again
    /// (with a data directory that is not new it only gives addresses, it bootstraps nothing).
    /// </summary>
    public Task RejoinedAsync(ulong id)
    {
        _joiners.Remove(id);
        this[id].Stop();
        Restart(id);
        return Task.CompletedTask;
    }

    /// <summary>Cuts every directed link between nodes that <paramref name="connected"/> does not allow, heals the rest.</summary>
    public void Partition(Func<ulong, ulong, bool> connected)
    {
        foreach (var (to, proxy) in _proxies)
        {
            foreach (var from in _nodes.Select(n => n.Id).Where(from => from != to))
            {
                if (connected(from, to))
                {
                    proxy.Heal(from);
                }
                else
                {
                    proxy.Cut(from);
                }
            }
        }
    }

    /// <summary>Heals every link.</summary>
    public void HealLinks()
    {
        foreach (var proxy in _proxies.Values)
        {
            proxy.HealAll();
        }
    }

    /// <summary>Ends every fault: links healed, paused nodes resumed, killed nodes restarted.</summary>
    public void HealAll()
    {
        HealLinks();
        foreach (var node in _nodes)
        {
            node.Resume();
            if (!node.IsRunning)
            {
                Restart(node.Id);
            }
        }
    }

    /// <summary>The leader most running nodes agree on, waiting up to <paramref name="timeout"/>; null if none.</summary>
    public Task<ulong?> LeaderAsync(TimeSpan timeout) => LeaderProbe.AgreedLeaderAsync(
        () => _nodes.Where(n => n.IsRunning && !n.IsPaused).Select(n => (n.Id, n.AdminUrl)), _nodes.Count, timeout);

    /// <summary>Stops every node at once (SIGTERM, then SIGKILL).</summary>
    public void Stop() => Parallel.ForEach(_nodes, node => node.Stop());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        foreach (var proxy in _proxies.Values)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Finds the node dll: $RAFTTOWER_NODE_DLL, else src/Node/bin/&lt;configuration&gt;/net10.0 above the harness.</summary>
    public static string FindNodeDll()
    {
        if (Environment.GetEnvironmentVariable("RAFTTOWER_NODE_DLL") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RaftTower.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "src", "Node", "bin", configuration, "net10.0", "rafttower-node.dll");
        return dll is not null && File.Exists(dll) ? dll
            : throw new FileNotFoundException($"rafttower-node.dll not found (build src/Node in {configuration}, or set RAFTTOWER_NODE_DLL)");
    }

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    /// <summary>Node i connects from 127.0.0.(10+i); anything else is caller 0, never cut.</summary>
    private static ulong CallerOf(IPAddress address)
    {
        var bytes = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        return bytes is [127, 0, 0, > 10 and var last] ? (ulong)(last - 10) : 0;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
