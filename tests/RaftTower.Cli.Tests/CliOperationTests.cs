using System.Text.Json;
using Google.Protobuf;
using RaftTower.Cli.Operations;
using RaftTower.Client;
using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;

namespace RaftTower.Cli.Tests;

/// <summary><c>rafttower &lt;family&gt; &lt;op&gt; args</c> against the scripted fake node, in process.</summary>
public sealed class CliOperationTests : IAsyncLifetime
{
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    public static TheoryData<string, ExecuteRequest, Result?, string> Invocations()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new()
        {
            { "int add counter 5", new() { Int = new IntOp { Op = IntOpCode.Add, Key = "counter", Operand = 5 } }, new Result { Int = 8 }, "8" },
            { "int add counter -5", new() { Int = new IntOp { Op = IntOpCode.Add, Key = "counter", Operand = -5 } }, new Result { Int = -2 }, "-2" },
            { "int clamp k -1 1", new() { Int = new IntOp { Op = IntOpCode.Clamp, Key = "k", Operand = -1, Operand2 = 1 } }, new Result { Int = 1 }, "1" },
            { "string get k", new() { String = new StringOp { Op = StringOpCode.Get, Key = "k" } }, null, "(nil)" },
            { "string set k hello", new() { String = new StringOp { Op = StringOpCode.Set, Key = "k", Value = "hello" } }, null, "OK" },
            { "string compare-and-set k null v", new() { String = new StringOp { Op = StringOpCode.CompareAndSet, Key = "k", Value = "v" } }, new Result { Bool = true }, "true" },
            { "key expire k 30s", new() { Key = new KeyOp { Op = KeyOpCode.SetTtlFor, Key = "k", Ticks = TimeSpan.FromSeconds(30).Ticks } }, new Result { Bool = true }, "true" },
            { "key expire-at k 2026-01-01T00:00:00Z", new() { Key = new KeyOp { Op = KeyOpCode.SetTtlAt, Key = "k", Ticks = t0.UtcTicks } }, new Result { Bool = false }, "false" },
            { "key type k", new() { Key = new KeyOp { Op = KeyOpCode.TypeOf, Key = "k" } }, new Result { Type = Protocol.V1.TowerType.BloomFilter }, "bloomfilter" },
            { "key ttl k", new() { Key = new KeyOp { Op = KeyOpCode.GetTtl, Key = "k" } }, new Result { DurationTicks = TimeSpan.FromMinutes(1).Ticks }, "00:01:00" },
            { "list push-right k int:42", new() { List = new ListOp { Op = ListOpCode.PushRight, Key = "k", Value = new Value { Int = 42 } } }, new Result { Int = 1 }, "1" },
            { "list push-left k plain", new() { List = new ListOp { Op = ListOpCode.PushLeft, Key = "k", Value = new Value { String = "plain" } } }, new Result { Int = 2 }, "2" },
            {
                "list range k 0 -1", new() { List = new ListOp { Op = ListOpCode.Range, Key = "k", Start = 0, Stop = -1 } },
                new Result { Values = new ValueList { Items = { new Value { Int = 42 }, new Value { String = "x" } } } }, "1) 42\n2) x"
            },
            { "map set k str:f hex:0aff", new() { Map = new MapOp { Op = MapOpCode.Set, Key = "k", Field = new Value { String = "f" }, Value = new Value { Binary = ByteString.CopyFrom(0x0a, 0xff) } } }, null, "OK" },
            { "map delete-field k int:7", new() { Map = new MapOp { Op = MapOpCode.DeleteField, Key = "k", Field = new Value { Int = 7 } } }, new Result { Int = 1 }, "1" },
            { "set add k member", new() { Set = new SetOp { Op = SetOpCode.Add, Key = "k", Member = "member" } }, new Result { Int = 3 }, "3" },
            { "set members k", new() { Set = new SetOp { Op = SetOpCode.Members, Key = "k" } }, null, "(empty)" },
            { "bloom create k", new() { BloomFilter = new BloomFilterOp { Op = BloomFilterOpCode.Create, Key = "k" } }, new Result { Bool = true }, "true" },
            { "bloom create k 5", new() { BloomFilter = new BloomFilterOp { Op = BloomFilterOpCode.Create, Key = "k", HashSlots = 5 } }, new Result { Bool = true }, "true" },
            { "decimal set k 12345 2", new() { Decimal = new DecimalOp { Op = DecimalOpCode.Set, Key = "k", Operand = new Protocol.V1.Decimal { Coefficient = "12345", Scale = 2 } } }, null, "OK" },
            { "decimal get k", new() { Decimal = new DecimalOp { Op = DecimalOpCode.Get, Key = "k" } }, new Result { Decimal = new Protocol.V1.Decimal { Coefficient = "-5", Scale = 2 } }, "-0.05" },
            { "binary set k 0a0b", new() { Binary = new BinaryOp { Op = BinaryOpCode.Set, Key = "k", Value = ByteString.CopyFrom(10, 11) } }, null, "OK" },
            { "bigint add k 123456789012345678901234567890", new() { Bigint = new BigIntOp { Op = BigIntOpCode.Add, Key = "k", Operand = "123456789012345678901234567890" } }, new Result { Bigint = "1" }, "1" },
            { "bool and d a b", new() { Bool = new BoolOp { Op = BoolOpCode.And, Key = "d", KeyA = "a", KeyB = "b" } }, new Result { Bool = true }, "true" },
            { "uuid set k 00112233-4455-6677-8899-aabbccddeeff", new() { Uuid = new UuidOp { Op = UuidOpCode.Set, Key = "k", Value = ByteString.CopyFrom(Convert.FromHexString("00112233445566778899AABBCCDDEEFF")) } }, null, "OK" },
            { "duration add k 1.5h", new() { Duration = new DurationOp { Op = DurationOpCode.Add, Key = "k", Ticks = TimeSpan.FromHours(1.5).Ticks } }, new Result { DurationTicks = 1 }, "00:00:00.0000001" },
            {
                "timeseries range k 2026-01-01T00:00:00Z 2026-01-02T00:00:00Z",
                new() { TimeSeries = new TimeSeriesOp { Op = TimeSeriesOpCode.Range, Key = "k", TimestampTicks = t0.UtcTicks, ToTicks = t0.AddDays(1).UtcTicks } },
                new Result { Points = new TimeSeriesPoints { Items = { new Protocol.V1.TimeSeriesPoint { TimestampTicks = t0.UtcTicks, Value = new Value { Float = 1.5 } } } } },
                "1) 2026-01-01T00:00:00.0000000+00:00 1.5"
            },
        };
    }

    [Theory]
    [MemberData(nameof(Invocations))]
    public async Task Command_sends_the_operation_and_prints_the_result(string commandLine, ExecuteRequest expected, Result? reply, string printed)
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = reply }));

        var run = await CliRun.InvokeAsync(null, ["-e", _node.Address, .. commandLine.Split(' ')]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Error));
        Assert.Equal(printed, run.Output.TrimEnd().ReplaceLineEndings("\n"));
        var received = Assert.Single(_node.Received);
        received.Header = null;
        Assert.Equal(expected, received);
    }

    [Fact]
    public void Every_data_operation_of_the_client_has_exactly_one_command()
    {
        var names = OperationCatalog.All.Select(o => $"{o.Family} {o.Name}").ToArray();
        var methods = typeof(TowerClient).GetMethods().Count(m => m.DeclaringType == typeof(TowerClient) && m.Name.EndsWith("Async", StringComparison.Ordinal));

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(methods - 6, names.Length); // all but DisposeAsync and the five cluster calls
        Assert.Contains("int set-if-greater", names);
        Assert.Contains("list push-left", names);
        Assert.Contains("key expire-at", names);
        Assert.Contains("decimal get-as-float", names);
        Assert.Contains("string substring", names);
    }

    [Fact]
    public async Task Json_output_keeps_value_types()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Value = new Value { Int = 42 } } }));

        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "--json", "list", "pop-left", "k");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var result = json.RootElement.GetProperty("result");
        Assert.Equal("int", result.GetProperty("type").GetString());
        Assert.Equal(42, result.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Refused_operation_exits_1_with_the_reason_on_standard_error()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Error = new Error { Code = ErrorCode.WrongType, Message = "counter holds a string" } }));

        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "int", "add", "counter", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("WrongType: counter holds a string", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_error_carries_code_and_whether_it_may_have_applied()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Error = new Error { Code = ErrorCode.Overflow, Term = 3 } }));

        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "--json", "int", "inc", "k");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("Overflow", error.GetProperty("code").GetString());
        Assert.False(error.GetProperty("mayHaveBeenApplied").GetBoolean());
        Assert.Equal(3, error.GetProperty("term").GetInt64());
    }

    [Fact]
    public async Task Unreachable_cluster_exits_3()
    {
        var run = await CliRun.InvokeAsync(null, "-e", ClosedPort.Endpoint(), "--timeout", "1", "string", "get", "k");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Unavailable", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_without_an_answer_exits_4()
    {
        _node.Execute = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return NodeAnswer.Reply(new ExecuteResponse());
        };

        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "--timeout", "0.3", "int", "inc", "k");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("Indeterminate", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int add counter five", 2, "value: 'five' is not an integer")]
    [InlineData("int add counter", 2, "Required argument missing")]
    [InlineData("int frobnicate k", 2, "frobnicate")]
    [InlineData("list push-right k int:notanumber", 2, "is not a typed value")]
    [InlineData("binary set k 0xZZ", 2, "is not hex bytes")]
    [InlineData("int clamp k 5 1", 1, "InvalidArgument: min (5) is greater than max (1)")]
    public async Task Bad_command_line_fails_with_a_clear_error_and_sends_nothing(string commandLine, int exitCode, string message)
    {
        var run = await CliRun.InvokeAsync(null, ["-e", _node.Address, .. commandLine.Split(' ')]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(_node.Received);
    }

    [Fact]
    public async Task Help_lists_every_family_and_exits_0()
    {
        var run = await CliRun.InvokeAsync(null, "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var family in OperationCatalog.All.Select(o => o.Family).Distinct())
        {
            Assert.Contains($"  {family} ", run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("transfer-leader", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Family_without_an_operation_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(null, "int");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Run 'rafttower --help'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_come_from_the_environment_when_not_given()
    {
        _node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Bool = true } }));

        var run = await CliRun.InvokeAsync($"{ClosedPort.Endpoint()},{_node.Address}", "key", "exists", "k");

        Assert.Equal((0, "true"), (run.ExitCode, run.Output.Trim()));
        Assert.Single(_node.Received);
    }
}
