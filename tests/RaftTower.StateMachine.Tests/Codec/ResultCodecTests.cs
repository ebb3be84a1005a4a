using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Tests.Generators;

namespace RaftTower.StateMachine.Tests.Codec;

public sealed class ResultCodecTests
{
    private static readonly Gen<TowerResult> Results =
        from status in Gen.Elements(Enum.GetValues<ResultStatus>())
        from value in Gen.Frequency((1, Gen.Constant(TowerValue.Null)), (3, CommandGenerators.Values))
        from items in Gen.Frequency((2, Gen.Constant<TowerValue[]?>(null)), (1, Gen.ArrayOf(CommandGenerators.Values).Select(a => (TowerValue[]?)a)))
        from points in Gen.Frequency((2, Gen.Constant<TimeSeriesPoint[]?>(null)),
            (1, Gen.ArrayOf(from t in CommandGenerators.Ticks from v in CommandGenerators.Values select new TimeSeriesPoint(t, v)).Select(a => (TimeSeriesPoint[]?)a)))
        from message in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, CommandGenerators.Strings.Select(s => (string?)s)))
        select new TowerResult(status, value, items, points, message);

    [Fact]
    public void Every_result_round_trips()
    {
        Prop.ForAll(Results.ToArbitrary(), result =>
        {
            var decoded = ResultCodec.Decode(ResultCodec.Encode(result));
            Assert.Equal(result.Status, decoded.Status);
            Assert.Equal(result.Value, decoded.Value);
            Assert.Equal(result.Items, decoded.Items);
            Assert.Equal(result.Points, decoded.Points);
            Assert.Equal(result.Message, decoded.Message);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Truncated_and_unknown_results_are_format_errors()
    {
        var bytes = ResultCodec.Encode(TowerResult.OfItems([1L, "two"]));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<CommandFormatException>(() => ResultCodec.Decode(bytes.AsSpan(0, length)));
        }

        Assert.Throws<CommandFormatException>(() => ResultCodec.Decode([CommandCodec.Version, 99, 0]));
        Assert.Throws<CommandFormatException>(() => ResultCodec.Decode([CommandCodec.Version, 0, 0x10]));
        Assert.Throws<CommandFormatException>(() => ResultCodec.Decode([CommandCodec.Version, 0, 0, 0]));
    }
}
