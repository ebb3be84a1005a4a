using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Tests.Generators;

namespace RaftTower.StateMachine.Tests.Codec;

public sealed class CommandCodecTests
{
    private static readonly CommandEnvelope Sample = new(7, 42, 40, new TowerCommand(OpCode.SetString, "key"u8.ToArray(), "value"));

    private static byte[] Encode(TowerCommand command) => OperationInfo.IsWrite(command.Op)
        ? CommandCodec.EncodeWrite(new CommandEnvelope(3, 9, 1, command))
        : CommandCodec.EncodeQuery(command);

    private static TowerCommand Decode(byte[] bytes, bool write, CodecLimits? limits = null) =>
        write ? CommandCodec.DecodeWrite(bytes, limits).Command : CommandCodec.DecodeQuery(bytes, limits);

    [Fact]
    public void Every_command_and_query_round_trips()
    {
        Prop.ForAll(CommandGenerators.AnyCommand.ToArbitrary(), command =>
        {
            var bytes = Encode(command);
            var decoded = Decode(bytes, OperationInfo.IsWrite(command.Op));
            Assert.True(CommandComparer.SameCommand(command, decoded), $"{command} decoded as {decoded}");
            Assert.Equal(bytes, Encode(decoded));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void The_envelope_round_trips_its_session_fields()
    {
        var decoded = CommandCodec.DecodeWrite(CommandCodec.EncodeWrite(Sample));
        Assert.Equal((7UL, 42UL, 40UL), (decoded.ClientId, decoded.Sequence, decoded.Watermark));
        Assert.True(CommandComparer.SameCommand(Sample.Command, decoded.Command));
    }

    [Fact]
    public void Every_truncation_is_a_format_error_with_its_offset()
    {
        Prop.ForAll(CommandGenerators.AnyCommand.ToArbitrary(), command =>
        {
            var bytes = Encode(command);
            for (var length = 0; length < bytes.Length; length++)
            {
                var error = Assert.Throws<CommandFormatException>(() => Decode(bytes[..length], OperationInfo.IsWrite(command.Op)));
                Assert.InRange(error.Offset, 0, length);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Corrupted_bytes_decode_or_fail_with_the_one_format_exception()
    {
        var corruption = from command in CommandGenerators.AnyCommand
                         from position in Gen.Choose(0, 1000)
                         from value in Gen.Choose(0, 255)
                         select (command, position, (byte)value);
        Prop.ForAll(corruption.ToArbitrary(), input =>
        {
            var bytes = Encode(input.command);
            bytes[input.position % bytes.Length] = input.Item3;
            try
            {
                Decode(bytes, OperationInfo.IsWrite(input.command.Op));
            }
            catch (CommandFormatException)
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var bytes = CommandCodec.EncodeWrite(Sample);
        var error = Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite([.. bytes, 0]));
        Assert.Equal(bytes.Length, error.Offset);
        Assert.Contains("trailing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_version_and_opcode_are_rejected()
    {
        var bytes = CommandCodec.EncodeWrite(Sample);
        bytes[0] = 2;
        Assert.Contains("version", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(bytes)).Message, StringComparison.Ordinal);
        var query = CommandCodec.EncodeQuery(new TowerCommand(OpCode.GetString, "k"u8.ToArray()));
        query[1] = 0xFF;
        Assert.Contains("opcode", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeQuery(query)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_is_not_accepted_as_a_write_nor_a_write_as_a_query()
    {
        var query = CommandCodec.EncodeQuery(new TowerCommand(OpCode.GetString, "k"u8.ToArray()));
        Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite([query[0], 0, 0, 0, .. query[1..]]));
        var write = CommandCodec.EncodeWrite(Sample);
        Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeQuery([write[0], .. write[4..]]));
        Assert.Throws<ArgumentException>(() => CommandCodec.EncodeQuery(Sample.Command));
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        var bytes = CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { A = "ab" } });
        bytes[^1] = 0xFF;
        Assert.Contains("UTF-8", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_and_values_over_the_limits_are_rejected()
    {
        var limits = new CodecLimits { MaxKeyBytes = 8, MaxValueBytes = 16 };
        var longKey = CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { Key = new byte[9] } });
        Assert.Contains("key", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(longKey, limits)).Message, StringComparison.Ordinal);
        var longValue = CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { A = new string('v', 17) } });
        Assert.Contains("limit", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(longValue, limits)).Message, StringComparison.Ordinal);
        Assert.Equal(OpCode.SetString, CommandCodec.DecodeWrite(CommandCodec.EncodeWrite(Sample), limits).Command.Op);
    }

    [Fact]
    public void The_default_limits_accept_a_64_KiB_key_and_reject_one_byte_more()
    {
        var atLimit = CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { Key = new byte[64 * 1024] } });
        Assert.Equal(64 * 1024, CommandCodec.DecodeWrite(atLimit).Command.Key.Length);
        var over = CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { Key = new byte[(64 * 1024) + 1] } });
        Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(over));
    }

    [Fact]
    public void Bad_field_values_are_rejected()
    {
        var setBool = CommandCodec.EncodeWrite(new CommandEnvelope(0, 0, 0, new TowerCommand(OpCode.SetBool, "k"u8.ToArray(), true)));
        setBool[^1] = 2;
        Assert.Contains("boolean", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(setBool)).Message, StringComparison.Ordinal);

        byte[] hugeVarint = [CommandCodec.Version, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F];
        Assert.Contains("varint", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(hugeVarint)).Message, StringComparison.Ordinal);

        byte[] nullValue = [CommandCodec.Version, 0, 0, 0, (byte)OpCode.PushLeft, 1, (byte)'k', 0];
        Assert.Contains("null", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(nullValue)).Message, StringComparison.Ordinal);

        byte[] negativeTimestamp = [CommandCodec.Version, 0, 0, 0, (byte)OpCode.SetTimestamp, 1, (byte)'k', 1];
        Assert.Contains("timestamp", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(negativeTimestamp)).Message, StringComparison.Ordinal);

        byte[] tooManyItems = [CommandCodec.Version, 0, 0, 0, (byte)OpCode.ExpireKeys, 0, 0xFF, 0xFF, 0x03];
        Assert.Contains("count", Assert.Throws<CommandFormatException>(() => CommandCodec.DecodeWrite(tooManyItems)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_rejects_arguments_that_do_not_match_the_operation()
    {
        Assert.Throws<ArgumentException>(() => CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { A = 42L } }));
        Assert.Throws<ArgumentException>(() => CommandCodec.EncodeWrite(Sample with { Command = new TowerCommand(OpCode.PushLeft, [], TowerValue.Null) }));
        Assert.Throws<ArgumentException>(() => CommandCodec.EncodeWrite(Sample with { Command = Sample.Command with { A = "\ud800" } }));
    }
}
