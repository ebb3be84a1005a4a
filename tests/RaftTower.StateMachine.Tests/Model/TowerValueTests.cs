using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Tests.Generators;

namespace RaftTower.StateMachine.Tests.Model;

public sealed class TowerValueTests
{
    [Fact]
    public void Values_are_typed_so_42L_and_the_string_42_differ()
    {
        Assert.NotEqual(TowerValue.FromInt(42), TowerValue.FromString("42"));
        Assert.NotEqual(TowerValue.FromInt(42), TowerValue.FromFloat(42));
        Assert.NotEqual(TowerValue.FromTimestampTicks(42), TowerValue.FromDurationTicks(42));
        Assert.Equal(TowerValue.FromBytes([1, 2]), TowerValue.FromBytes([1, 2]));
    }

    [Fact]
    public void Floats_compare_bit_exactly()
    {
        Assert.Equal(TowerValue.FromFloat(double.NaN), TowerValue.FromFloat(double.NaN));
        Assert.NotEqual(TowerValue.FromFloat(0.0), TowerValue.FromFloat(-0.0));
    }

    [Fact]
    public void Accessors_refuse_another_type()
    {
        Assert.Throws<InvalidOperationException>(() => TowerValue.FromInt(1).AsString());
        Assert.Throws<InvalidOperationException>(() => TowerValue.Null.AsBool());
        Assert.True(TowerValue.Null.IsNull);
    }

    [Fact]
    public void Every_value_round_trips_through_its_binary_form()
    {
        Prop.ForAll(CommandGenerators.Values.ToArbitrary(), value =>
            Assert.Equal(value, TowerValueCodec.FromBytes(TowerValueCodec.ToBytes(value)))).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Timestamps_convert_to_utc()
    {
        var local = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(-5));
        TowerValue value = local;
        Assert.Equal(TimeSpan.Zero, value.AsTimestamp().Offset);
        Assert.Equal(local, value.AsTimestamp());
    }
}
