using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>Node errors become the right <see cref="TowerErrorCode"/>; bad arguments fail before anything is sent.</summary>
public sealed class ErrorMappingTests : IClassFixture<FakeNodeFixture>
{
    private readonly FakeNode _node;

    public ErrorMappingTests(FakeNodeFixture fixture)
    {
        _node = fixture.Node;
        _node.Received.Clear();
    }

    [Theory]
    [InlineData(ErrorCode.WrongType, TowerErrorCode.WrongType)]
    [InlineData(ErrorCode.InvalidArgument, TowerErrorCode.InvalidArgument)]
    [InlineData(ErrorCode.DivideByZero, TowerErrorCode.DivideByZero)]
    [InlineData(ErrorCode.Overflow, TowerErrorCode.Overflow)]
    [InlineData(ErrorCode.OutOfRange, TowerErrorCode.OutOfRange)]
    [InlineData(ErrorCode.AlreadyExists, TowerErrorCode.AlreadyExists)]
    [InlineData(ErrorCode.NotFound, TowerErrorCode.NotFound)]
    public async Task Domain_error_is_an_operation_exception_that_changed_nothing(ErrorCode wire, TowerErrorCode expected)
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Error = new Error { Code = wire, Message = "scripted refusal", Term = 12 } }));
        await using var client = new TowerClient(_node.Address);

        var error = await Assert.ThrowsAsync<TowerOperationException>(() => client.DivIntAsync("k", 0));

        Assert.Equal(expected, error.Code);
        Assert.False(error.MayHaveBeenApplied);
        Assert.StartsWith($"{expected}: scripted refusal", error.Message, StringComparison.Ordinal);
        Assert.Contains("term=12", error.Message, StringComparison.Ordinal);
        Assert.Equal(12UL, error.Diagnostics!.Term);
        Assert.Equal("DivIntAsync", error.Diagnostics.Operation);
        Assert.Single(_node.Received);
    }

    [Theory]
    [InlineData(ErrorCode.SessionExpired, TowerErrorCode.SessionExpired)]
    [InlineData(ErrorCode.Internal, TowerErrorCode.Internal)]
    public async Task Session_and_internal_errors_are_connection_exceptions(ErrorCode wire, TowerErrorCode expected)
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Error = new Error { Code = wire } }));
        await using var client = new TowerClient(_node.Address);

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.SetIntAsync("k", 1));

        Assert.Equal(expected, error.Code);
        Assert.Contains($"the node answered {wire}", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<TowerClient, Task>> BadArguments() => new()
    {
        { "null key", c => c.GetStringAsync(null!) },
        { "key over 64 KiB", c => c.SetStringAsync(new string('k', 64 * 1024 + 1), "v") },
        { "multi-byte key over 64 KiB in UTF-8", c => c.ExistsAsync(new string('é', 32 * 1024 + 1)) },
        { "clamp min > max", c => c.ClampIntAsync("k", 5, 4) },
        { "null string value", c => c.SetStringAsync("k", null!) },
        { "empty string to replace", c => c.ReplaceStringAsync("k", "", "x") },
        { "negative substring length", c => c.SubstringStringAsync("k", 0, -1) },
        { "shift by 64", c => c.ShiftLeftIntAsync("k", 64) },
        { "negative shift", c => c.ShiftRightIntAsync("k", -1) },
        { "non-positive ttl", c => c.SetTtlAsync("k", TimeSpan.Zero) },
        { "NaN decimal source", c => c.SetDecimalFromFloatAsync("k", double.NaN, 2) },
        { "big integer over 8 KiB", c => c.MulBigIntAsync("k", System.Numerics.BigInteger.One << (8 * 8192)) },
        { "decimal coefficient over 8 KiB", c => c.SetDecimalAsync("k", -(System.Numerics.BigInteger.One << (8 * 8192)), 2) },
        { "negative hash slots", c => c.CreateBloomFilterAsync("k", -1) },
        { "null bloom item", c => c.BloomFilterAddAsync("k", null!) },
        { "null set member", c => c.SetAddAsync("k", null!) },
        { "null bool source key", c => c.AndBoolAsync("d", "a", null!) },
        { "time range backwards", c => c.TimeSeriesRangeAsync("k", DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch) },
        { "member id 0", c => c.PromoteMemberAsync(0) },
        { "member client address not a URL", c => c.AddMemberAsync(4, "10.0.0.4:7200", "not a url at all", false) },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_argument_fails_with_invalid_argument_before_anything_is_sent(string why, Func<TowerClient, Task> call)
    {
        await using var client = new TowerClient(_node.Address);

        var error = await Assert.ThrowsAsync<TowerOperationException>(() => call(client));

        Assert.Equal(TowerErrorCode.InvalidArgument, error.Code);
        Assert.False(string.IsNullOrEmpty(why));
        Assert.Empty(_node.Received);
        Assert.Empty(_node.ClusterCalls);
    }

    [Fact]
    public async Task Value_over_the_configured_limit_is_refused_locally()
    {
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_node.Address], MaxValueBytes = 8 });

        var error = await Assert.ThrowsAsync<TowerOperationException>(() => client.PushRightAsync("k", new byte[9]));

        Assert.Equal(TowerErrorCode.InvalidArgument, error.Code);
        Assert.Contains("9 bytes; the limit is 8", error.Message, StringComparison.Ordinal);
        Assert.Empty(_node.Received);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("ftp://host:1")]
    [InlineData("http://host:1/path")]
    [InlineData(" ")]
    public void Unusable_endpoints_are_rejected_at_construction(string endpoint)
    {
        string[] endpoints = endpoint == "none" ? [] : [endpoint];

        Assert.Throws<ArgumentException>(() => new TowerClient(new TowerClientOptions { Endpoints = endpoints }));
    }

    [Fact]
    public void Bare_host_and_port_means_http()
    {
        var client = new TowerClient("127.0.0.1:7101");

        Assert.Equal(new Uri("http://127.0.0.1:7101"), Assert.Single(client.Endpoints));
    }
}
