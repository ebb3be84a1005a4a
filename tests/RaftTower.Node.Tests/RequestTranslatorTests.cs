using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using RaftTower.Node.Api;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Tests;

public class RequestTranslatorTests
{
    private static readonly ByteString Uuid16 = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());

    /// <summary>Every op code of every family in tower.proto, with every field filled in.</summary>
    public static IEnumerable<Wire.ExecuteRequest> AllRequests()
    {
        var value = new Wire.Value { Int = 1 };
        foreach (var op in Defined<Wire.KeyOpCode>())
        {
            yield return new() { Key = new Wire.KeyOp { Op = op, Key = "k", Ticks = 10 } };
        }

        foreach (var op in Defined<Wire.StringOpCode>())
        {
            yield return new() { String = new Wire.StringOp { Op = op, Key = "k", Value = "v", Value2 = "w", Expected = "e", Start = 0, Length = 1 } };
        }

        foreach (var op in Defined<Wire.IntOpCode>())
        {
            yield return new() { Int = new Wire.IntOp { Op = op, Key = "k", Operand = 1, Operand2 = 2 } };
        }

        foreach (var op in Defined<Wire.FloatOpCode>())
        {
            yield return new() { Float = new Wire.FloatOp { Op = op, Key = "k", Operand = 1.5 } };
        }

        foreach (var op in Defined<Wire.BoolOpCode>())
        {
            yield return new() { Bool = new Wire.BoolOp { Op = op, Key = "k", Operand = true, KeyA = "a", KeyB = "b" } };
        }

        foreach (var op in Defined<Wire.TimestampOpCode>())
        {
            yield return new() { Timestamp = new Wire.TimestampOp { Op = op, Key = "k", Ticks = 10 } };
        }

        foreach (var op in Defined<Wire.DurationOpCode>())
        {
            yield return new() { Duration = new Wire.DurationOp { Op = op, Key = "k", Ticks = 10 } };
        }

        foreach (var op in Defined<Wire.UuidOpCode>())
        {
            yield return new() { Uuid = new Wire.UuidOp { Op = op, Key = "k", Value = Uuid16 } };
        }

        foreach (var op in Defined<Wire.BinaryOpCode>())
        {
            yield return new() { Binary = new Wire.BinaryOp { Op = op, Key = "k", Value = ByteString.CopyFromUtf8("x") } };
        }

        foreach (var op in Defined<Wire.BigIntOpCode>())
        {
            yield return new() { Bigint = new Wire.BigIntOp { Op = op, Key = "k", Operand = "-12345678901234567890" } };
        }

        foreach (var op in Defined<Wire.DecimalOpCode>())
        {
            yield return new() { Decimal = new Wire.DecimalOp { Op = op, Key = "k", Operand = new Wire.Decimal { Coefficient = "125", Scale = 2 }, ResultScale = 3, FloatValue = 0.1 } };
        }

        foreach (var op in Defined<Wire.ListOpCode>())
        {
            yield return new() { List = new Wire.ListOp { Op = op, Key = "k", Value = value, Index = -1, Start = 0, Stop = -1 } };
        }

        foreach (var op in Defined<Wire.MapOpCode>())
        {
            yield return new() { Map = new Wire.MapOp { Op = op, Key = "k", Field = new Wire.Value { String = "f" }, Value = value } };
        }

        foreach (var op in Defined<Wire.SetOpCode>())
        {
            yield return new() { Set = new Wire.SetOp { Op = op, Key = "k", Member = "m" } };
        }

        foreach (var op in Defined<Wire.TimeSeriesOpCode>())
        {
            yield return new() { TimeSeries = new Wire.TimeSeriesOp { Op = op, Key = "k", TimestampTicks = 10, ToTicks = 20, Value = value } };
        }

        foreach (var op in Defined<Wire.BloomFilterOpCode>())
        {
            yield return new() { BloomFilter = new Wire.BloomFilterOp { Op = op, Key = "k", Item = "i", HashSlots = 3 } };
        }
    }

    [Fact]
    public void Every_wire_operation_maps_to_a_command_whose_arguments_fit_its_schema()
    {
        foreach (var request in AllRequests())
        {
            var command = RequestTranslator.Translate(request);
            var kinds = OperationInfo.ArgumentsOf(command.Op);
            var args = new[] { command.A, command.B };
            for (var i = 0; i < 2; i++)
            {
                if (i >= kinds.Length)
                {
                    Assert.True(args[i].IsNull, $"{request}: {command.Op} takes {kinds.Length} arguments, got more");
                }
                else if (!(kinds[i] == ArgKind.NullableString && args[i].IsNull))
                {
                    Assert.True(kinds[i] == ArgKind.Value ? !args[i].IsNull : args[i].Type == CommandCodec.TypeOf(kinds[i]), $"{request}: argument {i} of {command.Op} is {args[i].Type}, expected {kinds[i]}");
                }
            }

            // The command must also encode and decode with the state machine's codec.
            var bytes = OperationInfo.IsWrite(command.Op)
                ? CommandCodec.EncodeWrite(new CommandEnvelope(1, 1, 1, command))
                : CommandCodec.EncodeQuery(command);
            Assert.NotEmpty(bytes);
        }
    }

    [Fact]
    public void Every_state_machine_operation_is_reachable_from_the_wire()
    {
        var reachable = AllRequests().Select(r => RequestTranslator.Translate(r).Op).ToHashSet();
        var missing = Enum.GetValues<OpCode>().Where(op => OperationInfo.IsDefined(op) && op != OpCode.ExpireKeys && !reachable.Contains(op)).ToList();

        Assert.True(missing.Count == 0, "not reachable: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000rafttower/members")]
    public void Empty_and_reserved_keys_are_refused(string key) =>
        Assert.Throws<RequestException>(() => RequestTranslator.Translate(new Wire.ExecuteRequest { Int = new Wire.IntOp { Op = Wire.IntOpCode.Get, Key = key } }));

    [Fact]
    public void Malformed_arguments_are_explained()
    {
        Assert.Contains("16 bytes", Refused(new() { Uuid = new Wire.UuidOp { Op = Wire.UuidOpCode.Set, Key = "k", Value = ByteString.CopyFrom(1, 2) } }), StringComparison.Ordinal);
        Assert.Contains("not a decimal integer", Refused(new() { Bigint = new Wire.BigIntOp { Op = Wire.BigIntOpCode.Add, Key = "k", Operand = "12x" } }), StringComparison.Ordinal);
        Assert.Contains("'value' is required", Refused(new() { String = new Wire.StringOp { Op = Wire.StringOpCode.Set, Key = "k" } }), StringComparison.Ordinal);
        Assert.Contains("'value' is required", Refused(new() { List = new Wire.ListOp { Op = Wire.ListOpCode.PushRight, Key = "k" } }), StringComparison.Ordinal);
        Assert.Contains("outside", Refused(new() { Timestamp = new Wire.TimestampOp { Op = Wire.TimestampOpCode.Set, Key = "k", Ticks = -1 } }), StringComparison.Ordinal);
        Assert.Contains("names no operation", Refused(new()), StringComparison.Ordinal);
        Assert.Contains("unknown int operation 999", Refused(new() { Int = new Wire.IntOp { Op = (Wire.IntOpCode)999, Key = "k" } }), StringComparison.Ordinal);
    }

    [Fact]
    public void Big_integer_text_longer_than_the_limit_is_refused_before_parsing()
    {
        var digits = CodecLimits.Default.MaxBigIntDigits;
        var atLimit = new string('9', digits - 1);
        Assert.Equal(BigInteger.Parse(atLimit, CultureInfo.InvariantCulture), RequestTranslator.Translate(
            new() { Bigint = new Wire.BigIntOp { Op = Wire.BigIntOpCode.Set, Key = "k", Operand = atLimit } }).A.AsBigInt());

        var message = Refused(new() { Bigint = new Wire.BigIntOp { Op = Wire.BigIntOpCode.Set, Key = "k", Operand = new string('7', 1_000_000) } });
        Assert.Contains($"at most {digits} digits", message, StringComparison.Ordinal);
        Assert.Contains("at most", Refused(new() { Decimal = new Wire.DecimalOp { Op = Wire.DecimalOpCode.Set, Key = "k", Operand = new Wire.Decimal { Coefficient = new string('1', digits + 2) } } }), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_uuids_are_chosen_before_the_command_is_appended()
    {
        var request = new Wire.ExecuteRequest { Uuid = new Wire.UuidOp { Op = Wire.UuidOpCode.Generate, Key = "k" } };

        var first = RequestTranslator.Translate(request).A.AsUuid();
        var second = RequestTranslator.Translate(request).A.AsUuid();

        Assert.NotEqual(Guid.Empty, first);
        Assert.NotEqual(first, second);
    }

    private static string Refused(Wire.ExecuteRequest request) =>
        Assert.Throws<RequestException>(() => RequestTranslator.Translate(request)).Message;

    private static IEnumerable<T> Defined<T>() where T : struct, Enum => Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0);
}
