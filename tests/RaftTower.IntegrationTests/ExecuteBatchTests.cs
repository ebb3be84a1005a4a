using System.Net.Http;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;
using RaftTower.Testing;

namespace RaftTower.IntegrationTests;

/// <summary>
/// <c>rafttower.v1.Tower/ExecuteBatch</c> called raw (no TowerClient) against real node processes: every request is
/// handled as its own Execute call, answered in order; only a malformed or oversized batch fails as a whole.
/// </summary>
public sealed class ExecuteBatchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    private const string Method = "/rafttower.v1.Tower/ExecuteBatch";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly GrpcChannel _channel = new();

    private TestCluster Cluster => fixture.Cluster;

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Mixed_writes_and_reads_get_one_answer_each_in_request_order()
    {
        var p = Prefix();
        var preload = await BatchOnLeaderAsync(
            SetString($"{p}:s0", "zero"),
            SetString($"{p}:s1", "one"),
            SetInt($"{p}:i0", 100));
        Assert.All(preload.Responses, r => Assert.Null(r.Error));

        // A read in the same batch as a write to its key may see it or not (as concurrent Execute calls would), so
        // the reads here are of keys the batch does not write, and every answer is distinct from its neighbours'.
        var response = await BatchOnLeaderAsync(
            GetString($"{p}:s1"),
            AddInt($"{p}:a", 7),
            GetInt($"{p}:i0"),
            AddInt($"{p}:b", 9),
            GetString($"{p}:s0"),
            SetString($"{p}:s2", "two"),
            Exists($"{p}:missing"),
            AddInt($"{p}:c", -3),
            GetString($"{p}:s1"));

        Assert.Equal(9, response.Responses.Count);
        Assert.All(response.Responses, r => Assert.Null(r.Error));
        Assert.Equal("one", response.Responses[0].Result.String);
        Assert.Equal(7, response.Responses[1].Result.Int);
        Assert.Equal(100, response.Responses[2].Result.Int);
        Assert.Equal(9, response.Responses[3].Result.Int);
        Assert.Equal("zero", response.Responses[4].Result.String);
        Assert.Equal("two", response.Responses[5].Result.String);
        Assert.False(response.Responses[6].Result.Bool);
        Assert.Equal(-3, response.Responses[7].Result.Int);
        Assert.Equal("one", response.Responses[8].Result.String);

        var after = await BatchOnLeaderAsync(GetString($"{p}:s2"), GetInt($"{p}:a"), GetInt($"{p}:b"), GetInt($"{p}:c"));
        Assert.Equal("two", after.Responses[0].Result.String);
        Assert.Equal([7L, 9L, -3L], after.Responses.Skip(1).Select(r => r.Result.Int));
    }

    [Fact]
    public async Task An_invalid_request_gets_its_own_invalid_argument_and_the_others_apply()
    {
        var p = Prefix();
        var tooLongKey = p + new string('k', 64 * 1024);
        var response = await BatchOnLeaderAsync(
            SetString($"{p}:before", "b"),
            SetString(tooLongKey, "never"),
            new ExecuteRequest(),
            AddInt($"{p}:after", 5));

        Assert.Equal(4, response.Responses.Count);
        Assert.Null(response.Responses[0].Error);
        Assert.Equal(ErrorCode.InvalidArgument, response.Responses[1].Error?.Code);
        Assert.Equal(ErrorCode.InvalidArgument, response.Responses[2].Error?.Code);
        Assert.Null(response.Responses[3].Error);
        Assert.Equal(5, response.Responses[3].Result.Int);

        await using var client = Cluster.CreateClient();
        Assert.Equal("b", await client.GetStringAsync($"{p}:before"));
        Assert.Equal(5, await client.GetIntAsync($"{p}:after"));
    }

    [Fact]
    public async Task A_batch_sent_to_a_follower_gets_not_leader_with_the_hint_for_every_request()
    {
        var p = Prefix();
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = Cluster.Nodes.First(n => n.Id != leader.Id && n.IsRunning);

        var response = await BatchAsync(follower, SetString($"{p}:w", "x"), GetString($"{p}:w"), AddInt($"{p}:n", 1));

        Assert.Equal(3, response.Responses.Count);
        Assert.All(response.Responses, r =>
        {
            Assert.Equal(ErrorCode.NotLeader, r.Error?.Code);
            Assert.Equal(leader.ClientUrl, r.Error!.LeaderHint);
        });
        await using var client = Cluster.CreateClient();
        Assert.False(await client.ExistsAsync($"{p}:w"));
        Assert.False(await client.ExistsAsync($"{p}:n"));
    }

    [Fact]
    public async Task The_same_client_id_and_sequence_is_applied_once_within_a_batch_and_across_batches()
    {
        var p = Prefix();
        var clientId = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var header = new RequestHeader { ClientId = clientId, Sequence = 1 };

        var first = await BatchOnLeaderAsync(AddInt($"{p}:counter", 5, header), AddInt($"{p}:counter", 5, header));
        Assert.Equal([5L, 5L], first.Responses.Select(r => r.Result.Int));

        var retry = await BatchOnLeaderAsync(
            AddInt($"{p}:counter", 5, header),
            AddInt($"{p}:counter", 1, new RequestHeader { ClientId = clientId, Sequence = 2 }));
        Assert.Equal(5, retry.Responses[0].Result.Int);
        Assert.Equal(6, retry.Responses[1].Result.Int);

        var read = await BatchOnLeaderAsync(GetInt($"{p}:counter"));
        Assert.Equal(6, read.Responses[0].Result.Int);
    }

    [Fact]
    public async Task A_batch_of_4096_is_served_and_one_of_4097_is_refused_whole_with_nothing_applied()
    {
        var p = Prefix();
        var full = await BatchOnLeaderAsync([.. Enumerable.Range(0, 4096).Select(_ => AddInt($"{p}:full", 1))]);
        Assert.Equal(4096, full.Responses.Count);
        Assert.All(full.Responses, r => Assert.Null(r.Error));
        Assert.Equal(Enumerable.Range(1, 4096).Select(i => (long)i), full.Responses.Select(r => r.Result.Int).Order());

        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var over = new ExecuteBatchRequest();
        over.Requests.Add(Enumerable.Range(0, 4097).Select(i => SetString($"{p}:over:{i}", "x")));
        var refused = await Assert.ThrowsAsync<GrpcCallException>(() => CallAsync(leader, over));
        Assert.Equal(GrpcStatusCode.InvalidArgument, refused.Status);
        Assert.Contains("4096", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("4097", refused.Detail, StringComparison.Ordinal);

        var check = await BatchOnLeaderAsync(Exists($"{p}:over:0"), Exists($"{p}:over:2048"), Exists($"{p}:over:4096"), GetInt($"{p}:full"));
        Assert.Equal([false, false, false], check.Responses.Take(3).Select(r => r.Result.Bool));
        Assert.Equal(4096, check.Responses[3].Result.Int);
    }

    [Fact]
    public async Task An_empty_batch_gets_an_empty_response()
    {
        var response = await BatchOnLeaderAsync();
        Assert.Empty(response.Responses);
    }

    [Fact]
    public async Task The_writes_of_a_batch_reach_the_leaders_log_with_one_fsync()
    {
        // The batch is one loop event, so its writes are one append (group commit). Nothing else writes to this
        // cluster meanwhile: the tests of a class run one at a time, and no key here has a TTL to expire. An election
        // in between (a new term is fsynced too) would say nothing about batching: then the measurement is repeated.
        for (var attempt = 1; ; attempt++)
        {
            var p = Prefix();
            var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
            var termBefore = (await TestCluster.StatusAsync(leader))?.Term;
            var before = await FsyncCountAsync(leader);

            var response = await BatchAsync(leader, [.. Enumerable.Range(0, 500).Select(i => AddInt($"{p}:{i}", i))]);

            Assert.All(response.Responses, r => Assert.Null(r.Error));
            var after = await FsyncCountAsync(leader);
            var status = await TestCluster.StatusAsync(leader);
            if (attempt < 3 && (status is null || status.Term != termBefore || status.Role != "Leader"))
            {
                continue;
            }

            Assert.Equal(before + 1, after);
            return;
        }
    }

    [Fact]
    public async Task Metrics_count_the_batch_sizes()
    {
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        await BatchAsync(leader, Exists(Prefix()), Exists(Prefix()), Exists(Prefix()));

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(leader.AdminUrl + "/metrics"));
        Assert.Contains("# TYPE rafttower_node_batch_size_requests histogram", metrics, StringComparison.Ordinal);
        Assert.Matches("(?m)^rafttower_node_batch_size_requests_bucket\\{le=\"4\"\\} [1-9]", metrics);
        Assert.Matches("(?m)^rafttower_node_request_s_count\\{kind=\"read\",outcome=\"Ok\"\\} [1-9]", metrics);
    }

    private static async Task<long> FsyncCountAsync(NodeProcess node) =>
        await TestCluster.MetricAsync(node, "rafttower_node_wal_fsync_s_count")
        ?? throw new Xunit.Sdk.XunitException("no rafttower_node_wal_fsync_s_count on /metrics of node " + node.Id);

    private static string Prefix() => "batch-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<ExecuteBatchResponse> BatchOnLeaderAsync(params ExecuteRequest[] requests) =>
        await BatchAsync(await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30)), requests);

    private async Task<ExecuteBatchResponse> BatchAsync(NodeProcess node, params ExecuteRequest[] requests)
    {
        var batch = new ExecuteBatchRequest();
        batch.Requests.Add(requests);
        var response = await CallAsync(node, batch);
        Assert.Equal(requests.Length, response.Responses.Count);
        return response;
    }

    private Task<ExecuteBatchResponse> CallAsync(NodeProcess node, ExecuteBatchRequest batch) =>
        _channel.CallAsync(new Uri(node.ClientUrl), Method, batch, ExecuteBatchResponse.Parser, CallTimeout, CancellationToken.None);

    private static ExecuteRequest SetString(string key, string value) => new() { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = value } };

    private static ExecuteRequest GetString(string key) => new() { String = new StringOp { Op = StringOpCode.Get, Key = key } };

    private static ExecuteRequest SetInt(string key, long value) => new() { Int = new IntOp { Op = IntOpCode.Set, Key = key, Operand = value } };

    private static ExecuteRequest GetInt(string key) => new() { Int = new IntOp { Op = IntOpCode.Get, Key = key } };

    private static ExecuteRequest AddInt(string key, long operand, RequestHeader? header = null) =>
        new() { Header = header, Int = new IntOp { Op = IntOpCode.Add, Key = key, Operand = operand } };

    private static ExecuteRequest Exists(string key) => new() { Key = new KeyOp { Op = KeyOpCode.Exists, Key = key } };
}
