using System.Numerics;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class BigNumberOperationTests
{
    private readonly TowerHarness _t = new();
    private static readonly BigInteger Huge = BigInteger.Pow(10, 40) + 7;

    [Fact]
    public void Big_integer_arithmetic_is_exact()
    {
        Assert.True(_t.Ok(OpCode.GetBigInt, "n").IsNull);
        Assert.Equal(Huge, _t.Ok(OpCode.AddBigInt, "n", Huge).AsBigInt());
        Assert.Equal(Huge * Huge, _t.Ok(OpCode.MulBigInt, "n", Huge).AsBigInt());
        Assert.Equal(Huge, _t.Ok(OpCode.DivBigInt, "n", Huge).AsBigInt());
        Assert.Equal(Huge - 10, _t.Ok(OpCode.SubBigInt, "n", (BigInteger)10).AsBigInt());
        Assert.Equal(-(Huge - 10), _t.Ok(OpCode.NegBigInt, "n").AsBigInt());
        Assert.Equal(Huge - 10, _t.Ok(OpCode.AbsBigInt, "n").AsBigInt());
        Assert.Equal((Huge - 10) % 1000, _t.Ok(OpCode.ModBigInt, "n", (BigInteger)1000).AsBigInt());
        Assert.Equal(-1, _t.Ok(OpCode.CmpBigInt, "n", Huge).AsInt());
    }

    [Fact]
    public void Big_integer_division_truncates_toward_zero_and_rejects_zero()
    {
        _t.Ok(OpCode.SetBigInt, "n", (BigInteger)(-7));
        Assert.Equal(new BigInteger(-3), _t.Ok(OpCode.DivBigInt, "n", (BigInteger)2).AsBigInt());
        _t.Fails(ResultStatus.DivideByZero, OpCode.DivBigInt, "n", BigInteger.Zero);
        _t.Fails(ResultStatus.DivideByZero, OpCode.ModBigInt, "n", BigInteger.Zero);
    }

    [Fact]
    public void Big_numbers_over_8_KiB_overflow_and_leave_the_value_unchanged()
    {
        var largest = BigInteger.Pow(2, (8 * 8192) - 2); // 8,192 bytes of two's complement: the default limit
        Assert.Equal(8192, largest.GetByteCount());
        _t.Ok(OpCode.SetBigInt, "n", largest);

        _t.Fails(ResultStatus.Overflow, OpCode.AddBigInt, "n", largest);
        _t.Fails(ResultStatus.Overflow, OpCode.MulBigInt, "n", (BigInteger)2);
        _t.Fails(ResultStatus.Overflow, OpCode.MulBigInt, "n", largest);
        Assert.Equal(largest, _t.Ok(OpCode.GetBigInt, "n").AsBigInt());

        Assert.NotEqual(ResultStatus.Ok, _t.Write(OpCode.SetBigInt, "m", BigInteger.Pow(2, 8 * 8192)).Status);
        Assert.True(_t.Ok(OpCode.GetBigInt, "m").IsNull);

        _t.Ok(OpCode.SetDecimal, "d", new TowerDecimal(largest, 2));
        _t.Fails(ResultStatus.Overflow, OpCode.MulDecimal, "d", new TowerDecimal(4, 0));
        Assert.Equal(new TowerDecimal(largest, 2), _t.Ok(OpCode.GetDecimal, "d").AsDecimal());
    }

    [Fact]
    public void Big_integer_products_over_the_value_limit_overflow_before_computing()
    {
        var t = new TowerHarness(new() { Limits = new() { MaxValueBytes = 64 } });
        var big = BigInteger.Pow(2, 400);
        t.Ok(OpCode.SetBigInt, "n", big);
        t.Fails(ResultStatus.Overflow, OpCode.MulBigInt, "n", big);
    }

    [Fact]
    public void Decimal_add_sub_mul_are_exact()
    {
        Assert.True(_t.Ok(OpCode.GetDecimal, "d").IsNull);
        Assert.Equal(new TowerDecimal(125, 2), _t.Ok(OpCode.AddDecimal, "d", new TowerDecimal(125, 2)).AsDecimal());
        Assert.Equal(new TowerDecimal(115, 2), _t.Ok(OpCode.SubDecimal, "d", new TowerDecimal(1, 1)).AsDecimal());
        Assert.Equal(new TowerDecimal(345, 3), _t.Ok(OpCode.MulDecimal, "d", new TowerDecimal(3, 1)).AsDecimal());
        Assert.Equal(0, _t.Ok(OpCode.CmpDecimal, "d", new TowerDecimal(3450, 4)).AsInt());
        Assert.Equal(1, _t.Ok(OpCode.CmpDecimal, "d", new TowerDecimal(-1, 0)).AsInt());
    }

    [Theory]
    [InlineData(1, 0, 2, 0, 0, 0)] // 0.5 → 0 (half to even)
    [InlineData(3, 0, 2, 0, 0, 2)] // 1.5 → 2
    [InlineData(5, 0, 2, 0, 0, 2)] // 2.5 → 2
    [InlineData(-5, 0, 2, 0, 0, -2)] // -2.5 → -2
    [InlineData(10, 0, 3, 0, 4, 33333)] // 3.3333
    [InlineData(2, 0, 3, 0, 2, 67)] // 0.67
    public void Decimal_division_rounds_half_to_even_at_the_result_scale(int a, int aScale, int b, int bScale, int resultScale, int expected)
    {
        _t.Ok(OpCode.SetDecimal, "d", new TowerDecimal(a, aScale));
        Assert.Equal(new TowerDecimal(expected, resultScale), _t.Ok(OpCode.DivDecimal, "d", new TowerDecimal(b, bScale), (long)resultScale).AsDecimal());
    }

    [Fact]
    public void Decimal_division_by_zero_and_bad_scales_fail()
    {
        _t.Ok(OpCode.SetDecimal, "d", new TowerDecimal(1, 0));
        _t.Fails(ResultStatus.DivideByZero, OpCode.DivDecimal, "d", new TowerDecimal(0, 3), 2L);
        _t.Fails(ResultStatus.InvalidArgument, OpCode.DivDecimal, "d", new TowerDecimal(1, 0), -1L);
        _t.Fails(ResultStatus.InvalidArgument, OpCode.SetDecimal, "d", new TowerDecimal(1, -2));
        _t.Fails(ResultStatus.InvalidArgument, OpCode.SetDecimal, "d", new TowerDecimal(1, 1001));
    }

    [Fact]
    public void Decimal_from_float_uses_the_exact_binary_value()
    {
        Assert.Equal(new TowerDecimal(BigInteger.Parse("10000000000000000555"), 20), _t.Ok(OpCode.SetDecimalFromFloat, "d", 0.1, 20L).AsDecimal());
        Assert.Equal(new TowerDecimal(2, 0), _t.Ok(OpCode.SetDecimalFromFloat, "d", 2.5, 0L).AsDecimal());
        Assert.Equal(new TowerDecimal(4, 0), _t.Ok(OpCode.SetDecimalFromFloat, "d", 3.5, 0L).AsDecimal());
        Assert.Equal(new TowerDecimal(-125, 2), _t.Ok(OpCode.SetDecimalFromFloat, "d", -1.25, 2L).AsDecimal());
        _t.Fails(ResultStatus.InvalidArgument, OpCode.SetDecimalFromFloat, "d", double.NaN, 2L);
    }

    [Fact]
    public void Decimal_as_float_is_the_nearest_double()
    {
        Assert.True(_t.Ok(OpCode.GetDecimalAsFloat, "d").IsNull);
        _t.Ok(OpCode.SetDecimal, "d", new TowerDecimal(1, 1));
        Assert.Equal(0.1, _t.Ok(OpCode.GetDecimalAsFloat, "d").AsFloat());
        _t.Fails(ResultStatus.WrongType, OpCode.AddBigInt, "d", BigInteger.One);
    }
}
