using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using RaftTower.Client;

namespace RaftTower.Testing;

/// <summary>
/// Real <c>rafttower-node</c> processes on loopback, started, killed, paused and restarted by tests, with every node's
/// output kept in a log file under <see cref="Root"/> (printed by the tests when they fail). Bounded: every wait has
/// a deadline and disposal kills whatever still runs.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly HttpClient MetricsScraper = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<NodeProcess> _nodes = [];
    private readonly string _nodeDll;
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly string _members;
    private readonly HashSet<ulong> _initialIds;

    /// <summary>Creates (does not start) a cluster of <paramref name="size"/> nodes.</summary>
    /// <param name="size">Initial voters.</param>
    /// <param name="snapshotInterval">Entries between snapshots.</param>
    /// <param name="electionTimeoutMs">Base election timeout.</param>
    public TestCluster(int size, long snapshotInterval = 10_000, int electionTimeoutMs = 600)
    {
        Root = Path.Combine(Path.GetTempPath(), "rafttower-tests", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Root);
        _nodeDll = FindNodeDll();
        ElectionTimeout = TimeSpan.FromMilliseconds(electionTimeoutMs);
        _extraArgs =
        [
            "--snapshot-interval", snapshotInterval.ToString(CultureInfo.InvariantCulture),
            "--election-timeout-ms", electionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "--heartbeat-ms", Math.Max(10, electionTimeoutMs / 10).ToString(CultureInfo.InvariantCulture),
            "--memory-budget", (64L << 20).ToString(CultureInfo.InvariantCulture),
        ];
        for (var i = 0; i < size; i++)
        {
            _nodes.Add(Allocate());
        }

        _members = string.Join(',', _nodes.Select(n => $"{n.Id}={n.PeerAddress}"));
        _initialIds = [.. _nodes.Select(n => n.Id)];
    }

    /// <summary>Where data directories and logs live.</summary>
    public string Root { get; }

    /// <summary>The configured base election timeout.</summary>
    public TimeSpan ElectionTimeout { get; }

    /// <summary>Every node ever allocated (running or not).</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>Client URLs of every allocated node.</summary>
    public IReadOnlyList<string> Endpoints => [.. _nodes.Select(n => n.ClientUrl)];

    /// <summary>Node by id.</summary>
    public NodeProcess this[ulong id] => _nodes.Single(n => n.Id == id);

    /// <summary>Starts every initial node and waits for a leader.</summary>
    public async Task StartAsync()
    {
        foreach (var node in _nodes)
        {
            node.Start(_nodeDll, _members, _extraArgs);
        }

        await WaitForLeaderAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    /// <summary>(Re)starts one node with its data directory.</summary>
    public void Start(NodeProcess node) => node.Start(_nodeDll, _initialIds.Contains(node.Id) ? _members : string.Empty, _extraArgs);

    /// <summary>Allocates and starts a node that joins with no member list (added later with AddMember).</summary>
    public NodeProcess StartJoiner()
    {
        var node = Allocate();
        _nodes.Add(node);
        node.Start(_nodeDll, string.Empty, _extraArgs);
        return node;
    }

    /// <summary>A client for the given endpoints (all nodes by default).</summary>
    public TowerClient CreateClient(IReadOnlyList<string>? endpoints = null, TimeSpan? requestTimeout = null) => new(new TowerClientOptions
    {
        Endpoints = endpoints ?? Endpoints,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
    });

    /// <summary>The status page of a running node, or null when it does not answer.</summary>
    public static async Task<NodeStatusPage?> StatusAsync(NodeProcess node)
    {
        try
        {
            return await Admin.GetFromJsonAsync<NodeStatusPage>(node.AdminUrl + "/status").ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The value of one unlabelled series on a node's <c>/metrics</c> (e.g. <c>rafttower_node_wal_fsync_s_count</c>),
    /// or null when the node does not show it (a series appears once it has a value).
    /// </summary>
    public static async Task<long?> MetricAsync(NodeProcess node, string series)
    {
        var metrics = await MetricsScraper.GetStringAsync(new Uri(node.AdminUrl + "/metrics")).ConfigureAwait(false);
        var line = System.Text.RegularExpressions.Regex.Match(
            metrics, "(?m)^" + System.Text.RegularExpressions.Regex.Escape(series) + " (\\d+)$");
        return line.Success ? long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Waits until a running node reports itself leader and a majority of running nodes agree on it.</summary>
    public async Task<NodeProcess> WaitForLeaderAsync(TimeSpan timeout, ulong? except = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var statuses = new List<(NodeProcess Node, NodeStatusPage Status)>();
            foreach (var node in _nodes.Where(n => n.IsRunning))
            {
                if (await StatusAsync(node).ConfigureAwait(false) is { } status)
                {
                    statuses.Add((node, status));
                }
            }

            var leader = statuses.FirstOrDefault(s => s.Status.Role == "Leader" && s.Node.Id != except);
            if (leader.Node is not null && statuses.Count(s => s.Status.LeaderId == leader.Node.Id) * 2 > leader.Status.Members.Count(m => m.Kind == "voter"))
            {
                return leader.Node;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"no leader within {timeout}; logs under {Root}");
    }

    /// <summary>Waits until <paramref name="node"/> has applied at least <paramref name="index"/>.</summary>
    public static async Task WaitForAppliedAsync(NodeProcess node, long index, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            if (await StatusAsync(node).ConfigureAwait(false) is { } status)
            {
                seen = status.AppliedIndex;
                if (seen >= index)
                {
                    return;
                }
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"node {node.Id} applied {seen}, not {index}, within {timeout}");
    }

    /// <summary>Every node's log, for a failing test's output.</summary>
    public string DumpLogs(int lastLines = 80) => string.Join('\n', _nodes.Select(n =>
        $"---- node {n.Id} ({n.LogPath}) ----\n" + string.Join('\n', n.ReadLog().Split('\n').TakeLast(lastLines))));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        if (Environment.GetEnvironmentVariable("RAFTTOWER_KEEP_TEST_DATA") != "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    private NodeProcess Allocate()
    {
        var id = (ulong)_nodes.Count + 1;
        return new NodeProcess(id, "127.0.0.1", FreePort(), FreePort(), FreePort(), Path.Combine(Root, $"node{id}"), Path.Combine(Root, $"node{id}.log"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindNodeDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RaftTower.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Node", "bin", configuration, "net10.0", "rafttower-node.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the node first: {dll} is missing");
            }
        }

        throw new DirectoryNotFoundException("RaftTower.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The node's <c>/status</c> JSON.</summary>
public sealed record NodeStatusPage(
    [property: JsonPropertyName("nodeId")] ulong NodeId,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("term")] long Term,
    [property: JsonPropertyName("leaderId")] ulong LeaderId,
    [property: JsonPropertyName("commitIndex")] long CommitIndex,
    [property: JsonPropertyName("appliedIndex")] long AppliedIndex,
    [property: JsonPropertyName("lastIndex")] long LastIndex,
    [property: JsonPropertyName("snapshotIndex")] long SnapshotIndex,
    [property: JsonPropertyName("members")] IReadOnlyList<NodeStatusMember> Members);

/// <summary>A member in <see cref="NodeStatusPage"/>.</summary>
public sealed record NodeStatusMember(
    [property: JsonPropertyName("id")] ulong Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("peerAddress")] string PeerAddress,
    [property: JsonPropertyName("clientUrl")] string? ClientUrl);
