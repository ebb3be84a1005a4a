using RaftTower.Node.Api;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Tests;

/// <summary>
/// <see cref="CommandLimits.KnownValid"/> replaces the decode-after-encode check on the request path: whenever it says
/// "valid", the state machine's decoder must accept the same command (it may say "ask the decoder" for valid ones).
/// </summary>
public class CommandLimitsTests
{
    private static readonly CodecLimits Small = CodecLimits.Default with { MaxKeyBytes = 8, MaxValueBytes = 12 };

    [Fact]
    public void Known_valid_implies_the_decoder_accepts_it()
    {
        var settled = 0;
        foreach (var (name, command) in AllCommands())
        {
            foreach (var limits in new[] { CodecLimits.Default, Small })
            {
                if (!CommandLimits.KnownValid(command, limits))
                {
                    continue;
                }

                settled++;
                var error = Record.Exception(() => RoundTrip(command, limits));
                Assert.True(error is null, $"{name}: known valid under {limits}, but the codec refused it: {error?.Message}");
            }
        }

        Assert.True(settled > 100, $"only {settled} commands were settled without decoding");
    }

    [Fact]
    public void The_benchmark_hot_path_is_settled_without_decoding()
    {
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.SetBinary, Key(16), TowerValue.FromBytes(new byte[100])), CodecLimits.Default));
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.GetBinary, Key(16)), CodecLimits.Default));
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.AddInt, Key(16), TowerValue.FromInt(1)), CodecLimits.Default));
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.SetString, Key(16), TowerValue.FromString("hello")), CodecLimits.Default));
    }

    [Theory]
    [InlineData(9, 1)] // key one byte over
    [InlineData(8, 13)] // value one byte over
    public void Over_the_limit_is_never_known_valid_and_the_decoder_refuses_it(int keyBytes, int valueBytes)
    {
        var command = new TowerCommand(OpCode.SetBinary, Key(keyBytes), TowerValue.FromBytes(new byte[valueBytes]));

        Assert.False(CommandLimits.KnownValid(command, Small));
        Assert.Throws<CommandFormatException>(() => RoundTrip(command, Small));
    }

    [Fact]
    public void Exactly_at_the_limits_is_known_valid()
    {
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.SetBinary, Key(8), TowerValue.FromBytes(new byte[12])), Small));
        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.SetString, Key(8), TowerValue.FromString("€€€€")), Small)); // 12 bytes
        Assert.False(CommandLimits.KnownValid(new TowerCommand(OpCode.SetString, Key(8), TowerValue.FromString("€€€€x")), Small)); // 13 bytes
    }

    [Fact]
    public void A_lone_surrogate_is_left_to_the_codec_which_refuses_it()
    {
        // Built from chars: theory data would be serialized and the lone surrogates replaced on the way.
        foreach (var text in new[] { new string((char)0xD800, 1), "a" + (char)0xDC00 + "b", "ab" + (char)0xD800, new string('x', 20) + (char)0xD800 })
        {
            var command = new TowerCommand(OpCode.SetString, Key(1), TowerValue.FromString(text));

            Assert.False(CommandLimits.KnownValid(command, CodecLimits.Default));
            Assert.False(CommandLimits.KnownValid(command, Small));
            Assert.Throws<ArgumentException>(() => CommandCodec.EncodeWrite(new CommandEnvelope(1, 1, 0, command)));
        }

        Assert.True(CommandLimits.KnownValid(new TowerCommand(OpCode.SetString, Key(1), TowerValue.FromString("\U0001F600")), CodecLimits.Default)); // a surrogate pair
    }

    [Fact]
    public void A_timestamp_outside_the_calendar_is_left_to_the_codec_which_refuses_it()
    {
        var command = new TowerCommand(OpCode.SetTtlAt, Key(1), TowerValue.FromTimestampTicks(-1));

        Assert.False(CommandLimits.KnownValid(command, CodecLimits.Default));
        Assert.Throws<CommandFormatException>(() => RoundTrip(command, CodecLimits.Default));
    }

    private static void RoundTrip(TowerCommand command, CodecLimits limits)
    {
        if (OperationInfo.IsWrite(command.Op))
        {
            CommandCodec.DecodeWrite(CommandCodec.EncodeWrite(new CommandEnvelope(1, 1, 0, command)), limits);
        }
        else
        {
            CommandCodec.DecodeQuery(CommandCodec.EncodeQuery(command), limits);
        }
    }

    private static byte[] Key(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26)))];

    /// <summary>Every wire operation, translated, plus variants with long keys and values around the small limits.</summary>
    private static IEnumerable<(string Name, TowerCommand Command)> AllCommands()
    {
        foreach (var request in RequestTranslatorTests.AllRequests())
        {
            var command = RequestTranslator.Translate(request);
            yield return (request.ToString(), command);
            yield return ($"{command.Op} with a 9-byte key", command with { Key = Key(9) });
            foreach (var length in new[] { 4, 12, 13 })
            {
                yield return ($"{command.Op} with {length}-unit arguments", command with { A = Grow(command.A, length), B = Grow(command.B, length) });
            }
        }
    }

    private static TowerValue Grow(TowerValue value, int length) => value.Type switch
    {
        TowerType.String => TowerValue.FromString(new string('s', length)),
        TowerType.Binary => TowerValue.FromBytes(new byte[length]),
        _ => value,
    };
}
