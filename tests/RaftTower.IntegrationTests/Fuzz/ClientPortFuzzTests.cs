using System.Text;
using Google.Protobuf;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;
using RaftTower.Testing;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Bad input on the client port (gRPC over h2c): every call gets a gRPC status (or an in-band error code), every
/// broken connection is closed, and the cluster still serves afterwards.
/// </summary>
[Collection(FuzzClusterDefinition.Name)]
public sealed class ClientPortFuzzTests(FuzzCluster fuzz)
{
    private const int Seed = 4_2001;
    private static readonly GrpcStatusCode[] StatusesForGarbage =
        [GrpcStatusCode.Ok, GrpcStatusCode.InvalidArgument, GrpcStatusCode.ResourceExhausted, GrpcStatusCode.Unimplemented];

    private TestCluster Cluster => fuzz.Cluster;

    [Fact]
    public async Task Random_bytes_on_the_client_port_close_the_connection()
    {
        // Half the inputs get past the connection preface, so the HTTP/2 frame parser sees the noise.
        await fuzz.SendEachOnItsOwnConnectionAsync(
            Seed,
            n => n.ClientPort,
            (random, i) => i % 2 == 0 ? FuzzInputs.RandomBytes(random, 2048) : [.. FuzzInputs.Http2Preface, .. FuzzInputs.RandomBytes(random, 2048)],
            (_, _) => { });

        await fuzz.AssertStillServesAsync("fuzz:client:random-bytes");
    }

    [Fact]
    public async Task Random_request_bodies_get_a_grpc_status_and_never_an_internal_error()
    {
        // A mutated request may still be a valid one: then it is answered in-band like any other.
        await SendRandomBodiesAsync(Seed + 1, GrpcProbe.Execute, (random, _) => FuzzInputs.GrpcBody(random), reply => [reply.ParseExecuteResponse()]);
        await fuzz.AssertStillServesAsync("fuzz:client:random-bodies");
    }

    public static TheoryData<string, string, GrpcStatusCode> MalformedBodies() => new()
    {
        { "empty body", "", GrpcStatusCode.InvalidArgument },
        { "prefix cut after 3 bytes", "000000", GrpcStatusCode.InvalidArgument },
        { "message shorter than its prefix", "0000000064" + "0A02", GrpcStatusCode.InvalidArgument },
        { "two messages in a unary call", "0000000000" + "0000000000", GrpcStatusCode.InvalidArgument },
        { "flag byte 2", "0200000000", GrpcStatusCode.InvalidArgument },
        { "compressed flag without grpc-encoding", "0100000002" + "0800", GrpcStatusCode.Unimplemented },
        { "prefix declaring 1 GiB", "0040000000" + "0A0B0C", GrpcStatusCode.ResourceExhausted },
        { "prefix declaring 4 GiB - 1", "00FFFFFFFF", GrpcStatusCode.ResourceExhausted },
        { "protobuf: wire type 7", "0000000002" + "0F00", GrpcStatusCode.InvalidArgument },
        { "protobuf: field longer than the message", "0000000002" + "5A7F", GrpcStatusCode.InvalidArgument },
        { "protobuf: varint cut short", "0000000002" + "08FF", GrpcStatusCode.InvalidArgument },
        { "protobuf: 11-byte varint", "000000000C" + "08FFFFFFFFFFFFFFFFFFFF01", GrpcStatusCode.InvalidArgument },
        { "protobuf: field number 0", "0000000002" + "0001", GrpcStatusCode.InvalidArgument },
        { "protobuf: end-group without start", "0000000001" + "0C", GrpcStatusCode.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_grpc_message_gets_a_clear_status(string what, string hex, GrpcStatusCode expected)
    {
        foreach (var node in Cluster.Nodes)
        {
            using var probe = new GrpcProbe(node.ClientUrl);
            var reply = await probe.SendAsync(GrpcProbe.Execute, Convert.FromHexString(hex));
            Assert.True(reply.HttpStatus == 200 && reply.GrpcStatus == expected && reply.GrpcMessage.Length > 0, $"{what} on node {node.Id}: {reply}");
        }
    }

    public static TheoryData<string, string> MalformedBatchBodies() => new()
    {
        { "requests entry longer than the message", "0000000002" + "0A7F" },
        { "request with wire type 7 inside", "0000000004" + "0A02" + "0F00" },
        { "request with a varint cut short inside", "0000000004" + "0A02" + "08FF" },
        { "request whose header is longer than the request", "0000000004" + "0A02" + "0A7F" },
        { "second request cut short", "0000000006" + "0A00" + "0A05" + "0A00" },
    };

    [Theory]
    [MemberData(nameof(MalformedBatchBodies))]
    public async Task Malformed_batch_is_invalid_argument_as_a_whole(string what, string hex)
    {
        foreach (var node in Cluster.Nodes)
        {
            using var probe = new GrpcProbe(node.ClientUrl);
            var reply = await probe.SendAsync(GrpcProbe.ExecuteBatch, Convert.FromHexString(hex));
            Assert.True(
                reply.HttpStatus == 200 && reply.GrpcStatus == GrpcStatusCode.InvalidArgument && reply.GrpcMessage.StartsWith("invalid protobuf", StringComparison.Ordinal) && reply.Body.Length == 0,
                $"{what} on node {node.Id}: {reply}");
        }
    }

    [Fact]
    public async Task Random_batch_bodies_get_a_grpc_status_and_never_an_internal_error()
    {
        var answeredInBand = await SendRandomBodiesAsync(
            Seed + 2,
            GrpcProbe.ExecuteBatch,
            (random, i) => i % 2 == 0 ? FuzzInputs.GrpcBatchBody(random) : FuzzInputs.GrpcBody(random),
            reply => reply.ParseExecuteBatchResponse().Responses);

        // Most one-bit mutations of a valid batch still parse: the in-band path must have been exercised too.
        Assert.True(answeredInBand > 0, "no random batch body was answered in-band");
        await fuzz.AssertStillServesAsync("fuzz:client:random-batch-bodies");
    }

    [Theory]
    [InlineData("/rafttower.v1.Tower/Nope")]
    [InlineData("/rafttower.v1.Cluster/Execute")]
    [InlineData("/rafttower.v2.Tower/Execute")]
    [InlineData("/")]
    [InlineData("/rafttower.v1.Tower/Execute/extra")]
    public async Task Unknown_method_is_unimplemented(string path)
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var reply = await probe.SendAsync(path, new ExecuteRequest());
        Assert.True(reply.GrpcStatus == GrpcStatusCode.Unimplemented && reply.GrpcMessage.Contains(path, StringComparison.Ordinal), reply.ToString());
    }

    [Fact]
    public async Task Get_instead_of_post_is_unimplemented()
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var reply = await probe.SendAsync(GrpcProbe.Execute, [], method: "GET");
        Assert.True(reply.GrpcStatus == GrpcStatusCode.Unimplemented, reply.ToString());
    }

    [Fact]
    public async Task A_content_type_other_than_grpc_gets_415()
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var reply = await probe.SendAsync(GrpcProbe.Execute, GrpcFrame.ToArray(new ExecuteRequest()), contentType: "application/json");
        Assert.Equal(415, reply.HttpStatus);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-5m")]
    public async Task Malformed_grpc_timeout_is_invalid_argument(string header)
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var reply = await probe.SendAsync(GrpcProbe.Execute, GrpcFrame.ToArray(new ExecuteRequest()), grpcTimeout: header);
        Assert.True(reply.GrpcStatus == GrpcStatusCode.InvalidArgument && reply.GrpcMessage.Contains("grpc-timeout", StringComparison.Ordinal), reply.ToString());
    }

    [Theory]
    [InlineData("99999999H")]
    [InlineData("99999999S")]
    [InlineData("1200H")]
    public async Task Grpc_timeout_longer_than_a_timer_can_hold_is_no_deadline_rather_than_an_error(string header)
    {
        // Regression: a valid timeout beyond CancelAfter's ~49.7 days threw before the call started (HTTP 500, UNKNOWN).
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var reply = await probe.SendAsync(GrpcProbe.Execute, GrpcFrame.ToArray(new ExecuteRequest { Key = new KeyOp { Op = KeyOpCode.Exists, Key = "fuzz:timeout" } }), grpcTimeout: header);
        Assert.True(reply.HttpStatus == 200 && reply.GrpcStatus == GrpcStatusCode.Ok, reply.ToString());
        var response = reply.ParseExecuteResponse();
        Assert.True(response.Error is null || response.Error.Code == ErrorCode.NotLeader, response.ToString());
    }

    [Fact]
    public async Task Prefix_declaring_1_GiB_is_refused_before_the_message_arrives()
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var content = new HeldOpenContent(FuzzInputs.GrpcMessage(0, 1u << 30, [0x0A]));
        try
        {
            var reply = await probe.SendAsync(GrpcProbe.Execute, content);
            Assert.True(reply.GrpcStatus == GrpcStatusCode.ResourceExhausted, reply.ToString());
            Assert.Contains("1073741824", reply.GrpcMessage, StringComparison.Ordinal);
        }
        finally
        {
            content.Release();
        }

        await fuzz.AssertStillServesAsync("fuzz:client:1gib");
    }

    [Fact]
    public async Task Message_that_stops_arriving_ends_at_the_grpc_timeout()
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var content = new HeldOpenContent(FuzzInputs.GrpcMessage(0, 100, new byte[10]));
        try
        {
            var reply = await probe.SendAsync(GrpcProbe.Execute, content, grpcTimeout: "500m");
            Assert.True(reply.GrpcStatus == GrpcStatusCode.DeadlineExceeded, reply.ToString());
        }
        finally
        {
            content.Release();
        }
    }

    [Fact]
    public async Task Http1_request_on_the_h2c_port_gets_400_and_a_closed_connection()
    {
        using var connection = await RawConnection.OpenAsync(Cluster.Nodes[0].ClientPort);
        await connection.SendAsync(Encoding.ASCII.GetBytes(
            "POST /rafttower.v1.Tower/Execute HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/grpc\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0"));
        var reply = await connection.ReadUntilClosedAsync(FuzzCluster.CloseTimeout);
        Assert.True(reply.Closed, "the node kept an HTTP/1.1 connection open on its h2c port: " + reply.Head);
        Assert.StartsWith("HTTP/1.1 400", reply.Head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_over_64_KiB_is_invalid_argument_and_writes_nothing()
    {
        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var key = "fuzz:" + new string('k', 64 * 1024);
        var set = await probe.ExecuteAsync(new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = "v" } });
        Assert.Equal(ErrorCode.InvalidArgument, set.Error?.Code);
        var exists = await ExecuteOnLeaderAsync(new ExecuteRequest { Key = new KeyOp { Op = KeyOpCode.Exists, Key = key } });
        Assert.Equal(ErrorCode.InvalidArgument, exists.Error?.Code);

        var atLimit = new string('k', 64 * 1024);
        var ok = await ExecuteOnLeaderAsync(new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = atLimit, Value = "at the limit" } });
        Assert.Null(ok.Error);
        await using var client = Cluster.CreateClient();
        Assert.Equal("at the limit", await client.GetStringAsync(atLimit));
    }

    [Fact]
    public async Task Reserved_key_prefix_is_refused_in_every_key_field()
    {
        const string reserved = "\0rafttower/members";
        foreach (var request in new[]
                 {
                     new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = reserved, Value = "x" } },
                     new ExecuteRequest { Key = new KeyOp { Op = KeyOpCode.TypeOf, Key = reserved } },
                     new ExecuteRequest { Bool = new BoolOp { Op = BoolOpCode.And, Key = "fuzz:and", KeyA = reserved, KeyB = "fuzz:b" } },
                     new ExecuteRequest { Bool = new BoolOp { Op = BoolOpCode.Xor, Key = "fuzz:xor", KeyA = "fuzz:a", KeyB = reserved } },
                 })
        {
            // Regression: key_a/key_b skipped the check, so AND/OR/XOR read a reserved key and answered with a result.
            var answer = await ExecuteOnLeaderAsync(request);
            Assert.True(answer.Error?.Code == ErrorCode.InvalidArgument && answer.Error.Message.Contains("reserved", StringComparison.Ordinal), $"{request}: {answer}");
        }
    }

    [Fact]
    public async Task Value_over_16_MiB_is_invalid_argument_and_a_message_over_the_limit_is_resource_exhausted()
    {
        const string key = "fuzz:big-value";
        var justOver = new string('v', (16 << 20) + 1);
        foreach (var request in new[]
                 {
                     new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = justOver } },
                     new ExecuteRequest { Binary = new BinaryOp { Op = BinaryOpCode.Set, Key = key, Value = ByteString.CopyFrom(new byte[(16 << 20) + 1]) } },
                     new ExecuteRequest { List = new ListOp { Op = ListOpCode.PushRight, Key = key, Value = new Value { String = justOver } } },
                 })
        {
            var answer = await ExecuteOnLeaderAsync(request);
            Assert.True(answer.Error?.Code == ErrorCode.InvalidArgument, $"{request.OpCase} with a 16 MiB + 1 value: {answer}");
        }

        using var probe = new GrpcProbe(Cluster.Nodes[0].ClientUrl);
        var tooLarge = new ExecuteRequest { String = new StringOp { Op = StringOpCode.Set, Key = key, Value = new string('v', 18 << 20) } };
        var reply = await probe.SendAsync(GrpcProbe.Execute, tooLarge);
        Assert.True(reply.GrpcStatus == GrpcStatusCode.ResourceExhausted, reply.ToString());

        await using var client = Cluster.CreateClient();
        Assert.False(await client.ExistsAsync(key));
        await fuzz.AssertStillServesAsync("fuzz:client:oversize");
    }

    public static TheoryData<string, IMessage, ErrorCode> BadMembershipRequests() => new()
    {
        { "AddMember", new AddMemberRequest { Id = 0, PeerAddress = "127.0.0.1:1", ClientAddress = "http://127.0.0.1:2", AsLearner = true }, ErrorCode.InvalidArgument },
        { "AddMember", new AddMemberRequest { Id = 9_999, PeerAddress = "no port", ClientAddress = "http://127.0.0.1:2", AsLearner = true }, ErrorCode.InvalidArgument },
        { "AddMember", new AddMemberRequest { Id = 9_999, PeerAddress = "127.0.0.1:1", ClientAddress = "ftp://127.0.0.1:2", AsLearner = true }, ErrorCode.InvalidArgument },
        { "AddMember", new AddMemberRequest { Id = 2, PeerAddress = "127.0.0.1:1", ClientAddress = "http://127.0.0.1:2", AsLearner = true }, ErrorCode.AlreadyExists },
        { "RemoveMember", new RemoveMemberRequest { Id = 9_999 }, ErrorCode.NotFound },
        { "PromoteMember", new PromoteMemberRequest { Id = 9_999 }, ErrorCode.NotFound },
        { "PromoteMember", new PromoteMemberRequest { Id = 2 }, ErrorCode.InvalidArgument },
        { "TransferLeadership", new TransferLeadershipRequest { Id = 9_999 }, ErrorCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadMembershipRequests))]
    public async Task Membership_change_that_cannot_apply_is_refused_for_good_and_changes_nothing(string method, IMessage request, ErrorCode expected)
    {
        // Regression: these were answered UNAVAILABLE, which tells clients to retry until their deadline; and an
        // AddMember of an existing id re-pointed its addresses in the member directory before being refused.
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        using var probe = new GrpcProbe(leader.ClientUrl);
        var reply = await probe.SendAsync("/rafttower.v1.Cluster/" + method, request);
        Assert.True(reply.GrpcStatus == GrpcStatusCode.Ok, reply.ToString());
        var response = ClusterResponse.Parser.ParseFrom(reply.Body.AsSpan(GrpcFrame.HeaderSize));
        Assert.True(response.Error?.Code == expected, $"{method} {request}: {response}");

        var status = await TestCluster.StatusAsync(leader);
        Assert.Equal(3, status!.Members.Count(m => m.Kind == "voter"));
        Assert.DoesNotContain(status.Members, m => m.Id == 9_999);
        foreach (var member in status.Members)
        {
            Assert.Equal(Cluster[member.Id].PeerAddress, member.PeerAddress);
        }
    }

    /// <summary>
    /// Posts seeded random bodies to <paramref name="path"/> on the nodes in turn: each must get a gRPC status from
    /// <see cref="StatusesForGarbage"/>, an error trailers-only with a message, an OK responses without INTERNAL.
    /// </summary>
    /// <returns>How many bodies were answered OK (in-band).</returns>
    private async Task<int> SendRandomBodiesAsync(
        int seed, string path, Func<Random, int, byte[]> input, Func<GrpcProbeReply, IEnumerable<ExecuteResponse>> responses)
    {
        var random = new Random(seed);
        var probes = Cluster.Nodes.Select(n => new GrpcProbe(n.ClientUrl)).ToArray();
        var answeredInBand = 0;
        try
        {
            var budget = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < FuzzCluster.InputsPerPort && !FuzzCluster.OutOfTime(budget, i); i++)
            {
                var body = input(random, i);
                var reply = await probes[i % probes.Length].SendAsync(path, body);
                var context = $"input {i} (seed {seed}) {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 48)))}: {reply}";
                Assert.True(reply.HttpStatus == 200, context);
                Assert.True(reply.GrpcStatus is { } status && StatusesForGarbage.Contains(status), context);
                if (reply.GrpcStatus == GrpcStatusCode.Ok)
                {
                    answeredInBand++;
                    foreach (var response in responses(reply))
                    {
                        Assert.True(response.Error is null || response.Error.Code != ErrorCode.Internal, context + " " + response);
                    }
                }
                else
                {
                    Assert.True(reply.Body.Length == 0 && reply.GrpcMessage.Length > 0, "an error status comes trailers-only with a message: " + context);
                }
            }
        }
        finally
        {
            foreach (var probe in probes)
            {
                probe.Dispose();
            }
        }

        return answeredInBand;
    }

    private async Task<ExecuteResponse> ExecuteOnLeaderAsync(ExecuteRequest request)
    {
        var leader = await Cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        using var probe = new GrpcProbe(leader.ClientUrl);
        return await probe.ExecuteAsync(request);
    }
}
