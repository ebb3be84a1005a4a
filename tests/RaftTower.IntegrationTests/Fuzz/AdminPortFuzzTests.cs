using System.Text;
using RaftTower.Testing;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Bad input on the admin port (HTTP/1.1): a 4xx status or a closed connection, never a 200 or a 5xx, and the
/// cluster still serves afterwards.
/// </summary>
[Collection(FuzzClusterDefinition.Name)]
public sealed class AdminPortFuzzTests(FuzzCluster fuzz)
{
    private const int Seed = 4_2003;

    private TestCluster Cluster => fuzz.Cluster;

    [Fact]
    public async Task Random_bytes_on_the_admin_port_get_a_4xx_or_a_closed_connection()
    {
        // Half the inputs look like the start of a request, so the noise reaches the header parser.
        await fuzz.SendEachOnItsOwnConnectionAsync(
            Seed,
            n => n.AdminPort,
            (random, i) => i % 2 == 0 ? FuzzInputs.RandomBytes(random, 1024) : [.. "GET /status HTTP/1.1\r\n"u8, .. FuzzInputs.RandomBytes(random, 1024), .. "\r\n\r\n"u8],
            (context, reply) => Assert.True(reply.Received.Length == 0 || reply.Head.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), $"{context}: {reply.Head}"));

        await fuzz.AssertStillServesAsync("fuzz:admin:random-bytes");
    }

    [Theory]
    [InlineData("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 404")]
    [InlineData("GET /status/extra HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 404")]
    [InlineData("POST /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405")]
    [InlineData("DELETE /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "HTTP/1.1 405")]
    [InlineData("PUT /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc", "HTTP/1.1 405")]
    [InlineData("GET /status\r\n\r\n", "HTTP/1.1 400")]
    [InlineData("GET /status HTTP/1.1\r\n\r\n", "HTTP/1.1 400")]
    [InlineData("GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "HTTP/1.1 400")]
    [InlineData("GET /status HTTP/9.9\r\nHost: x\r\n\r\n", "HTTP/1.1 505")]
    public async Task Malformed_or_unsupported_request_gets_the_right_status(string request, string statusLine)
    {
        foreach (var node in Cluster.Nodes)
        {
            var reply = await SendRawAsync(node.AdminPort, Encoding.ASCII.GetBytes(request), halfClose: false);
            Assert.True(reply.Closed, $"node {node.Id} kept the connection open after answering: {reply.Head}");
            Assert.True(reply.Head.StartsWith(statusLine, StringComparison.Ordinal), $"node {node.Id}: {reply.Head}");
        }
    }

    [Fact]
    public async Task Write_method_on_a_read_only_endpoint_gets_405_with_allow()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsync(Cluster.Nodes[0].AdminUrl + "/status", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Http2_preface_on_the_admin_port_gets_goaway_http_1_1_required()
    {
        var reply = await SendRawAsync(Cluster.Nodes[0].AdminPort, FuzzInputs.Http2Preface, halfClose: false);
        Assert.True(reply.Closed, "the node kept an HTTP/2 connection open on its HTTP/1.1 port");

        // An HTTP/2 frame: 3-byte length 8, type 7 (GOAWAY), flags, stream 0, last stream id, error code 0xd.
        Assert.True(reply.Received.Length >= 17, "expected a GOAWAY frame, got " + Convert.ToHexString(reply.Received));
        Assert.Equal(7, reply.Received[3]);
        Assert.Equal(0xdu, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(reply.Received.AsSpan(13)));
    }

    [Fact]
    public async Task Oversize_request_line_and_headers_are_refused()
    {
        var node = Cluster.Nodes[0];
        var longUrl = await SendRawAsync(node.AdminPort, Encoding.ASCII.GetBytes($"GET /{new string('a', 64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n"), halfClose: false);
        Assert.StartsWith("HTTP/1.1 414", longUrl.Head, StringComparison.Ordinal);
        var bigHeader = await SendRawAsync(node.AdminPort, Encoding.ASCII.GetBytes($"GET /status HTTP/1.1\r\nHost: x\r\nX-Big: {new string('b', 64 * 1024)}\r\n\r\n"), halfClose: false);
        Assert.StartsWith("HTTP/1.1 431", bigHeader.Head, StringComparison.Ordinal);
        await fuzz.AssertStillServesAsync("fuzz:admin:oversize");
    }

    [Fact]
    public async Task Request_cut_before_its_end_gets_no_answer_and_a_closed_connection()
    {
        var reply = await SendRawAsync(Cluster.Nodes[0].AdminPort, "GET /status HTTP/1.1\r\nHost: x\r\nX-Cut"u8.ToArray(), halfClose: true);
        Assert.True(reply.Closed, "the node kept a half-sent request's connection open");
        Assert.False(reply.Head.StartsWith("HTTP/1.1 2", StringComparison.Ordinal), reply.Head);
    }

    [Fact]
    public async Task Every_endpoint_answers_get_and_head()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in new[] { "/health", "/status", "/metrics" })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, Cluster.Nodes[0].AdminUrl + path));
                Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    private static async Task<ServerReply> SendRawAsync(int port, byte[] input, bool halfClose)
    {
        using var connection = await RawConnection.OpenAsync(port);
        await connection.SendAsync(input);
        if (halfClose)
        {
            connection.HalfClose();
        }

        // A bad request ends the connection after its answer; well-formed ones here ask for Connection: close.
        return await connection.ReadUntilClosedAsync(FuzzCluster.CloseTimeout);
    }
}
