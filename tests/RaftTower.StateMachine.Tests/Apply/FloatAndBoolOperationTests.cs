using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class FloatAndBoolOperationTests
{
    private readonly TowerHarness _t = new();

    [Fact]
    public void Floats_round_trip_bit_exactly()
    {
        foreach (var value in new[] { 0.1, -0.0, double.Epsilon, double.MaxValue, double.NaN, 1.0 / 3 })
        {
            _t.Ok(OpCode.SetFloat, "f", value);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(_t.Ok(OpCode.GetFloat, "f").AsFloat()));
        }
    }

    [Fact]
    public void Float_arithmetic_stores_and_returns_the_new_value()
    {
        Assert.True(_t.Ok(OpCode.GetFloat, "f").IsNull);
        Assert.Equal(1.5, _t.Ok(OpCode.AddFloat, "f", 1.5).AsFloat());
        Assert.Equal(1.0, _t.Ok(OpCode.SubFloat, "f", 0.5).AsFloat());
        Assert.Equal(4.0, _t.Ok(OpCode.MulFloat, "f", 4.0).AsFloat());
        Assert.Equal(0.5, _t.Ok(OpCode.DivFloat, "f", 8.0).AsFloat());
        Assert.Equal(-0.5, _t.Ok(OpCode.NegFloat, "f").AsFloat());
        Assert.Equal(0.5, _t.Ok(OpCode.AbsFloat, "f").AsFloat());
        Assert.Equal(0.5, _t.Ok(OpCode.GetFloat, "f").AsFloat());
    }

    [Fact]
    public void Float_division_by_zero_and_overflow_to_infinity_fail()
    {
        _t.Ok(OpCode.SetFloat, "f", double.MaxValue);
        _t.Fails(ResultStatus.DivideByZero, OpCode.DivFloat, "f", 0.0);
        _t.Fails(ResultStatus.Overflow, OpCode.MulFloat, "f", 2.0);
        _t.Fails(ResultStatus.WrongType, OpCode.SetInt, "f", 1L);
    }

    [Fact]
    public void Bools_set_get_not_toggle_and_compare()
    {
        Assert.True(_t.Ok(OpCode.GetBool, "b").IsNull);
        Assert.True(_t.Ok(OpCode.NotBool, "b").AsBool());
        Assert.False(_t.Ok(OpCode.ToggleBool, "b").AsBool());
        Assert.False(_t.Ok(OpCode.GetBool, "b").AsBool());
        Assert.True(_t.Ok(OpCode.EqualBool, "b", false).AsBool());
        Assert.True(_t.Ok(OpCode.SetBool, "b", true).AsBool());
        Assert.False(_t.Ok(OpCode.EqualBool, "b", false).AsBool());
    }

    [Fact]
    public void Set_bool_if_equal_returns_the_value_now_stored()
    {
        _t.Ok(OpCode.SetBool, "b", true);
        Assert.True(_t.Ok(OpCode.SetBoolIfEqual, "b", false, false).AsBool());
        Assert.False(_t.Ok(OpCode.SetBoolIfEqual, "b", true, false).AsBool());
        Assert.False(_t.Ok(OpCode.GetBool, "b").AsBool());
    }

    [Theory]
    [InlineData(OpCode.AndBool, true, false, false)]
    [InlineData(OpCode.AndBool, true, true, true)]
    [InlineData(OpCode.OrBool, false, true, true)]
    [InlineData(OpCode.OrBool, false, false, false)]
    [InlineData(OpCode.XorBool, true, true, false)]
    [InlineData(OpCode.XorBool, true, false, true)]
    public void Combining_bools_stores_into_the_destination(OpCode op, bool a, bool b, bool expected)
    {
        _t.Ok(OpCode.SetBool, "a", a);
        _t.Ok(OpCode.SetBool, "b", b);
        Assert.Equal(expected, _t.Ok(op, "dest", TowerHarness.Key("a"), TowerHarness.Key("b")).AsBool());
        Assert.Equal(expected, _t.Ok(OpCode.GetBool, "dest").AsBool());
    }

    [Fact]
    public void Combining_treats_missing_operands_as_false_and_rejects_other_types()
    {
        _t.Ok(OpCode.SetBool, "a", true);
        Assert.True(_t.Ok(OpCode.OrBool, "dest", TowerHarness.Key("a"), TowerHarness.Key("missing")).AsBool());
        _t.Ok(OpCode.SetInt, "n", 1L);
        _t.Fails(ResultStatus.WrongType, OpCode.AndBool, "dest", TowerHarness.Key("a"), TowerHarness.Key("n"));
        _t.Fails(ResultStatus.WrongType, OpCode.AndBool, "n", TowerHarness.Key("a"), TowerHarness.Key("a"));
    }
}
