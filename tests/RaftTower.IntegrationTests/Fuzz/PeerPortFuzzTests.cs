using System.Text;
using RaftTower.Testing;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Bad input on the peer port (raw TCP frames): the node closes the connection, logs why, and keeps serving.
/// </summary>
[Collection(FuzzClusterDefinition.Name)]
public sealed class PeerPortFuzzTests(FuzzCluster fuzz)
{
    private const int Seed = 4_2002;
    private const string ClosedLine = "Closed peer connection";

    private TestCluster Cluster => fuzz.Cluster;

    [Fact]
    public async Task Random_bytes_on_the_peer_port_close_the_connection()
    {
        var before = Cluster.Nodes.ToDictionary(n => n.Id, n => Occurrences(n, ClosedLine));
        var sent = await fuzz.SendEachOnItsOwnConnectionAsync(Seed, n => n.PeerPort, (random, _) => FuzzInputs.PeerBytes(random), (context, reply) =>
            Assert.True(reply.Received.Length == 0, $"{context}: the peer port never answers, yet sent {reply.Received.Length} bytes"));

        // Noise is never a valid hello, so each input is one logged violation — even when it ends with our FIN
        // (regression: bytes that came with the FIN used to be dropped unread, closing the connection silently).
        foreach (var node in Cluster.Nodes)
        {
            await AssertLoggedAsync(node, ClosedLine, before[node.Id] + sent[node.Id] - 1, "random bytes");
        }

        await fuzz.AssertStillServesAsync("fuzz:peer:random-bytes");
    }

    public static TheoryData<string, byte[], string> BadFrames()
    {
        var hello = PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload());
        return new()
        {
            { "frame length 0", PeerFrames.Header(0, PeerFrames.Hello), "frame length 0 is outside" },
            { "frame length 2^31", PeerFrames.Header(1u << 31, PeerFrames.Hello), "frame length 2147483648 is outside" },
            { "frame length 2^32 - 1", PeerFrames.Header(uint.MaxValue, PeerFrames.Batch), "frame length 4294967295 is outside" },
            { "unknown frame kind", PeerFrames.Frame(9, PeerFrames.HelloPayload()), "unknown frame kind 9" },
            { "hello with a bad magic", PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload(magic: 0x4141414141414141)), "bad magic" },
            { "an HTTP request on the peer port", Encoding.ASCII.GetBytes("GET /status HTTP/1.1\r\nHost: x\r\n\r\n"), "is outside" },
            { "a batch before the hello", PeerFrames.Frame(PeerFrames.Batch, PeerFrames.BatchPayload()), "messages before the hello" },
            { "hello from node 0", PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload(nodeId: 0)), "node id 0" },
            { "hello cut inside its client URL", PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload().AsSpan(0, 22)), "truncated client url" },
            { "hello with trailing bytes", PeerFrames.Frame(PeerFrames.Hello, [.. PeerFrames.HelloPayload(), 1, 2, 3]), "trailing bytes after hello" },
            {
                "hello with a client URL that is not UTF-8",
                PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload(PeerFrames.Magic, PeerFrames.StrangerId, [0xC3, 0x28], [])),
                "not valid UTF-8"
            },
            { "a second hello", [.. hello, .. hello], "a second hello" },
            { "a batch declaring 2^32 - 1 messages", [.. hello, .. PeerFrames.Frame(PeerFrames.Batch, [0xFF, 0xFF, 0xFF, 0xFF])], "exceeds the limit" },
            {
                "a batch whose message is noise",
                [.. hello, .. PeerFrames.Frame(PeerFrames.Batch, PeerFrames.BatchPayload([0xEE, 1, 2, 3]))],
                "unknown message type 238"
            },
            {
                "a batch whose message is cut short",
                [.. hello, .. PeerFrames.Frame(PeerFrames.Batch, PeerFrames.BatchPayload([1, 2, 3]))],
                "truncated"
            },
            { "a batch whose message length overruns the frame", [.. hello, .. PeerFrames.Frame(PeerFrames.Batch, [1, 0, 0, 0, 0x40, 0, 0, 0, 1])], "truncated message" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_frame_closes_the_connection_and_is_logged(string what, byte[] input, string logged)
    {
        foreach (var node in Cluster.Nodes)
        {
            var before = Occurrences(node, logged);
            using var connection = await RawConnection.OpenAsync(node.PeerPort);
            await connection.SendAsync(input);

            // No half-close: the node must close on what it has, not wait for more.
            var reply = await connection.ReadUntilClosedAsync(FuzzCluster.CloseTimeout);
            Assert.True(reply.Closed, $"{what}: node {node.Id} kept the peer connection open");
            await AssertLoggedAsync(node, logged, before, what);
        }
    }

    [Fact]
    public async Task Connection_closed_inside_a_frame_is_dropped_and_logged()
    {
        var hello = PeerFrames.Frame(PeerFrames.Hello, PeerFrames.HelloPayload());
        var node = Cluster.Nodes[0];
        var before = Occurrences(node, "connection closed inside a frame");
        using var connection = await RawConnection.OpenAsync(node.PeerPort);
        await connection.SendAsync(hello.AsMemory(0, hello.Length - 3));
        connection.HalfClose();
        var reply = await connection.ReadUntilClosedAsync(FuzzCluster.CloseTimeout);
        Assert.True(reply.Closed, "a truncated frame followed by end of stream must close the connection");
        await AssertLoggedAsync(node, "connection closed inside a frame", before, "truncated hello");
        await fuzz.AssertStillServesAsync("fuzz:peer:truncated");
    }

    [Fact]
    public async Task Connection_that_never_says_hello_is_closed_after_the_hello_deadline()
    {
        // One silent connection per node, and one that trickles the start of a frame: neither may be held forever.
        var before = Cluster.Nodes.ToDictionary(n => n.Id, n => Occurrences(n, "no hello within"));
        var silent = new List<(NodeProcess Node, RawConnection Connection)>();
        try
        {
            foreach (var node in Cluster.Nodes)
            {
                silent.Add((node, await RawConnection.OpenAsync(node.PeerPort)));
            }

            var trickle = await RawConnection.OpenAsync(Cluster.Nodes[0].PeerPort);
            silent.Add((Cluster.Nodes[0], trickle));
            await trickle.SendAsync(PeerFrames.Header(64, PeerFrames.Hello).AsMemory(0, 3));

            foreach (var (node, connection) in silent)
            {
                var reply = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(25));
                Assert.True(reply.Closed, $"node {node.Id} kept a connection without a hello open for 25 s");
            }

            foreach (var node in Cluster.Nodes)
            {
                await AssertLoggedAsync(node, "no hello within", before[node.Id], "silent connection");
            }
        }
        finally
        {
            foreach (var (_, connection) in silent)
            {
                connection.Dispose();
            }
        }

        await fuzz.AssertStillServesAsync("fuzz:peer:silent");
    }

    [Fact]
    public async Task Node_holding_peer_connections_stops_promptly_and_cleanly_on_sigterm()
    {
        // Regression: Kestrel waited its whole shutdown timeout (30 s) for the peers' connections, which never end by
        // themselves, and the exiting node then crashed disposing its replica a second time (ObjectDisposedException).
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var node = Cluster.Nodes.First(n => n.Id != leader.Id);
        using var stranger = await RawConnection.OpenAsync(node.PeerPort);
        var logBefore = node.ReadLog().Length;
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        node.Stop(TimeSpan.FromSeconds(25));
        stopping.Stop();
        var shutdownLog = node.ReadLog()[logBefore..];
        Cluster.Start(node);

        Assert.DoesNotContain("Unhandled exception", shutdownLog, StringComparison.Ordinal);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"SIGTERM took {stopping.Elapsed} (killed at 25 s):\n{shutdownLog}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await TestCluster.StatusAsync(node) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"node {node.Id} did not come back after its restart:\n{Cluster.DumpLogs(30)}");
            await Task.Delay(100);
        }

        await fuzz.AssertStillServesAsync("fuzz:peer:restart");
    }

    private static int Occurrences(NodeProcess node, string fragment) =>
        node.ReadLog().Split(fragment).Length - 1;

    /// <summary>Waits for one more "Closed peer connection" log line naming <paramref name="fragment"/> than before the input.</summary>
    private async Task AssertLoggedAsync(NodeProcess node, string fragment, int before, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Occurrences(node, fragment) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}: node {node.Id} logged \"{fragment}\" {Occurrences(node, fragment)} time(s), needed more than {before}:\n{Cluster.DumpLogs(20)}");
            await Task.Delay(50);
        }
    }
}
