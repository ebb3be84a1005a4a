using RaftTower.Testing;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>A 3-node cluster that bad input is thrown at, and the checks that it came through unharmed.</summary>
public sealed class FuzzCluster : IAsyncLifetime
{
    /// <summary>Random inputs per port and kind of input: enough to cover the parsers' branches, bounded for CI.</summary>
    public const int InputsPerPort = 200;

    /// <summary>
    /// How long one random loop may keep sending new inputs; a slow machine ends it early, but it must still have
    /// sent <see cref="MinInputsPerPort"/>.
    /// </summary>
    public static readonly TimeSpan LoopBudget = TimeSpan.FromSeconds(30);

    /// <summary>The fewest random inputs a loop must have sent when its time is up.</summary>
    public const int MinInputsPerPort = InputsPerPort / 4;

    /// <summary>The longest a node may take to close a connection it should close.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    public TestCluster Cluster { get; } = new(3);

    public Task InitializeAsync() => Cluster.StartAsync();

    /// <summary>After every bad-input test has run (in whatever order), the cluster must still serve.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            await AssertStillServesAsync("fuzz:after-all");
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// Sends <see cref="InputsPerPort"/> seeded inputs, each on its own connection to the next node in turn, ends our
    /// side of each (FIN) and requires the node to close the connection; <paramref name="check"/> then sees the reply.
    /// </summary>
    /// <returns>How many inputs went to each node.</returns>
    internal async Task<Dictionary<ulong, int>> SendEachOnItsOwnConnectionAsync(
        int seed, Func<NodeProcess, int> port, Func<Random, int, byte[]> input, Action<string, ServerReply> check)
    {
        var random = new Random(seed);
        var sent = Cluster.Nodes.ToDictionary(n => n.Id, _ => 0);
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < InputsPerPort && !OutOfTime(budget, i); i++)
        {
            var node = Cluster.Nodes[i % Cluster.Nodes.Count];
            var bytes = input(random, i);
            sent[node.Id]++;
            using var connection = await RawConnection.OpenAsync(port(node));
            await connection.SendAsync(bytes);
            connection.HalfClose();
            var reply = await connection.ReadUntilClosedAsync(CloseTimeout);
            var context = $"input {i} (seed {seed}) to node {node.Id}, {bytes.Length} bytes starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(16, bytes.Length)))}";
            Assert.True(reply.Closed, context + ": the node kept the connection open");
            check(context, reply);
        }

        return sent;
    }

    /// <summary>True once <see cref="LoopBudget"/> has passed; fails the test if fewer than the minimum inputs were sent by then.</summary>
    public static bool OutOfTime(System.Diagnostics.Stopwatch budget, int sent)
    {
        if (budget.Elapsed < LoopBudget)
        {
            return false;
        }

        Assert.True(sent >= MinInputsPerPort, $"only {sent} inputs in {LoopBudget}: the node answers bad input far too slowly");
        return true;
    }

    /// <summary>
    /// Every node still runs and answers <c>/status</c>, a write and a linearizable read through TowerClient succeed,
    /// and no node holds a connection the fuzzer has already closed (a leak would sit in CLOSE_WAIT).
    /// </summary>
    public async Task AssertStillServesAsync(string probeKey)
    {
        foreach (var node in Cluster.Nodes)
        {
            Assert.True(node.IsRunning, $"node {node.Id} exited:\n{Cluster.DumpLogs(60)}");
            Assert.True(await TestCluster.StatusAsync(node) is not null, $"node {node.Id} does not answer /status:\n{Cluster.DumpLogs(60)}");
        }

        await using var client = Cluster.CreateClient();
        var value = "still-serving-" + Guid.NewGuid().ToString("N")[..8];
        await client.SetStringAsync(probeKey, value);
        Assert.Equal(value, await client.GetStringAsync(probeKey));

        var ports = Cluster.Nodes.SelectMany(n => new[] { n.ClientPort, n.PeerPort, n.AdminPort }).ToHashSet();
        var deadline = DateTime.UtcNow + CloseTimeout;
        var lingering = SocketTable.CloseWaitOn(ports);
        while (lingering.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            lingering = SocketTable.CloseWaitOn(ports);
        }

        Assert.True(lingering.Count == 0, $"the nodes kept {lingering.Count} connection(s) the client had closed (CLOSE_WAIT on ports {string.Join(", ", lingering)})");
    }
}
