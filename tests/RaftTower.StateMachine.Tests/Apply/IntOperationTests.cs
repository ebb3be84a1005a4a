using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class IntOperationTests
{
    private readonly TowerHarness _t = new();

    [Fact]
    public void Missing_key_reads_null_and_mutators_start_from_zero()
    {
        Assert.True(_t.Ok(OpCode.GetInt, "n").IsNull);
        Assert.Equal(5, _t.Ok(OpCode.AddInt, "a", 5L).AsInt());
        Assert.Equal(-5, _t.Ok(OpCode.SubInt, "b", 5L).AsInt());
        Assert.Equal(1, _t.Ok(OpCode.IncInt, "c").AsInt());
        Assert.Equal(-1, _t.Ok(OpCode.DecInt, "d").AsInt());
        Assert.Equal(0, _t.Ok(OpCode.MulInt, "e", 7L).AsInt());
    }

    [Theory]
    [InlineData(OpCode.AddInt, 10L, 3L, 13L)]
    [InlineData(OpCode.SubInt, 10L, 3L, 7L)]
    [InlineData(OpCode.MulInt, 10L, -3L, -30L)]
    [InlineData(OpCode.DivInt, -7L, 2L, -3L)]
    [InlineData(OpCode.ModInt, -7L, 2L, -1L)]
    [InlineData(OpCode.AndInt, 12L, 10L, 8L)]
    [InlineData(OpCode.OrInt, 12L, 10L, 14L)]
    [InlineData(OpCode.XorInt, 12L, 10L, 6L)]
    [InlineData(OpCode.ShiftLeftInt, 3L, 4L, 48L)]
    [InlineData(OpCode.ShiftRightInt, -16L, 2L, -4L)]
    [InlineData(OpCode.SetIntIfGreater, 5L, 9L, 9L)]
    [InlineData(OpCode.SetIntIfGreater, 5L, 2L, 5L)]
    [InlineData(OpCode.SetIntIfLess, 5L, 2L, 2L)]
    [InlineData(OpCode.SetIntIfLess, 5L, 9L, 5L)]
    [InlineData(OpCode.ModInt, long.MinValue, -1L, 0L)]
    public void Binary_operations_store_and_return_the_new_value(OpCode op, long start, long argument, long expected)
    {
        _t.Ok(OpCode.SetInt, "n", start);
        Assert.Equal(expected, _t.Ok(op, "n", argument).AsInt());
        Assert.Equal(expected, _t.Ok(OpCode.GetInt, "n").AsInt());
    }

    [Theory]
    [InlineData(OpCode.NegInt, 5L, -5L)]
    [InlineData(OpCode.AbsInt, -5L, 5L)]
    [InlineData(OpCode.NotInt, 0L, -1L)]
    [InlineData(OpCode.IncInt, 41L, 42L)]
    [InlineData(OpCode.DecInt, 43L, 42L)]
    public void Unary_operations_store_and_return_the_new_value(OpCode op, long start, long expected)
    {
        _t.Ok(OpCode.SetInt, "n", start);
        Assert.Equal(expected, _t.Ok(op, "n").AsInt());
        Assert.Equal(expected, _t.Ok(OpCode.GetInt, "n").AsInt());
    }

    [Theory]
    [InlineData(OpCode.AddInt, long.MaxValue, 1L)]
    [InlineData(OpCode.SubInt, long.MinValue, 1L)]
    [InlineData(OpCode.MulInt, long.MaxValue / 2 + 1, 2L)]
    [InlineData(OpCode.DivInt, long.MinValue, -1L)]
    public void Overflowing_arithmetic_fails_and_changes_nothing(OpCode op, long start, long argument)
    {
        _t.Ok(OpCode.SetInt, "n", start);
        _t.Fails(ResultStatus.Overflow, op, "n", argument);
    }

    [Theory]
    [InlineData(OpCode.NegInt)]
    [InlineData(OpCode.AbsInt)]
    [InlineData(OpCode.DecInt)]
    public void Unary_overflow_at_the_minimum_fails(OpCode op)
    {
        _t.Ok(OpCode.SetInt, "n", long.MinValue);
        _t.Fails(ResultStatus.Overflow, op, "n");
    }

    [Fact]
    public void Inc_at_the_maximum_overflows()
    {
        _t.Ok(OpCode.SetInt, "n", long.MaxValue);
        _t.Fails(ResultStatus.Overflow, OpCode.IncInt, "n");
    }

    [Theory]
    [InlineData(OpCode.DivInt)]
    [InlineData(OpCode.ModInt)]
    public void Division_by_zero_fails_and_changes_nothing(OpCode op)
    {
        _t.Ok(OpCode.SetInt, "n", 10L);
        _t.Fails(ResultStatus.DivideByZero, op, "n", 0L);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(64L)]
    public void Shifts_outside_0_to_63_bits_are_invalid(long bits)
    {
        _t.Ok(OpCode.SetInt, "n", 1L);
        _t.Fails(ResultStatus.InvalidArgument, OpCode.ShiftLeftInt, "n", bits);
        _t.Fails(ResultStatus.InvalidArgument, OpCode.ShiftRightInt, "n", bits);
    }

    [Fact]
    public void Swap_returns_the_old_value_and_stores_the_new()
    {
        _t.Ok(OpCode.SetInt, "n", 1L);
        Assert.Equal(1, _t.Ok(OpCode.SwapInt, "n", 2L).AsInt());
        Assert.Equal(2, _t.Ok(OpCode.GetInt, "n").AsInt());
    }

    [Fact]
    public void Compare_returns_the_sign()
    {
        _t.Ok(OpCode.SetInt, "n", 5L);
        Assert.Equal(-1, _t.Ok(OpCode.CompareInt, "n", 6L).AsInt());
        Assert.Equal(0, _t.Ok(OpCode.CompareInt, "n", 5L).AsInt());
        Assert.Equal(1, _t.Ok(OpCode.CompareInt, "n", long.MinValue).AsInt());
    }

    [Fact]
    public void Set_if_greater_on_a_missing_key_sets_even_a_negative_value()
    {
        Assert.Equal(-3, _t.Ok(OpCode.SetIntIfGreater, "n", -3L).AsInt());
        Assert.Equal(-3, _t.Ok(OpCode.GetInt, "n").AsInt());
    }

    [Fact]
    public void Clamp_limits_the_value_and_rejects_min_above_max()
    {
        _t.Ok(OpCode.SetInt, "n", 50L);
        Assert.Equal(10, _t.Ok(OpCode.ClampInt, "n", 0L, 10L).AsInt());
        Assert.Equal(20, _t.Ok(OpCode.ClampInt, "n", 20L, 30L).AsInt());
        _t.Fails(ResultStatus.InvalidArgument, OpCode.ClampInt, "n", 5L, 4L);
    }

    [Fact]
    public void Int_operations_on_a_string_fail_with_wrong_type()
    {
        _t.Ok(OpCode.SetString, "s", "42");
        _t.Fails(ResultStatus.WrongType, OpCode.AddInt, "s", 1L);
        _t.Fails(ResultStatus.WrongType, OpCode.SetInt, "s", 1L);
        Assert.Equal(ResultStatus.WrongType, _t.Read(OpCode.GetInt, "s").Status);
    }
}
