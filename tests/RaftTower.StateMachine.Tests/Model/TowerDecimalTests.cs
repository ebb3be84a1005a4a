using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Tests.Generators;

namespace RaftTower.StateMachine.Tests.Model;

public sealed class TowerDecimalTests
{
    [Fact]
    public void Every_finite_double_is_exact_at_scale_1074_and_converts_back_to_itself()
    {
        Prop.ForAll(CommandGenerators.AnyDouble.Where(double.IsFinite).ToArbitrary(), value =>
        {
            var exact = TowerDecimal.FromDouble(value, 1074);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value), BitConverter.DoubleToInt64Bits(exact.ToDouble() == 0 ? 0.0 : exact.ToDouble()));
            Assert.Equal(exact, TowerDecimal.FromDouble(value, 1075).Divide(new TowerDecimal(1, 0), 1074));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Division_is_within_half_a_unit_of_the_last_digit()
    {
        var inputs = from a in CommandGenerators.Decimals
                     from b in CommandGenerators.Decimals.Where(d => !d.Coefficient.IsZero)
                     from scale in Gen.Choose(0, 15)
                     select (a, b, scale);
        Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            var (a, b, scale) = input;
            var q = a.Divide(b, scale);
            Assert.Equal(scale, q.Scale);

            // |q·b − a| ≤ ½·10^-scale·|b|, compared exactly at a common scale.
            var error = q.Multiply(b).Subtract(a);
            var bound = new TowerDecimal(BigInteger.Abs(b.Coefficient) * 5, b.Scale + scale + 1);
            Assert.True(new TowerDecimal(BigInteger.Abs(error.Coefficient), error.Scale) <= bound, $"{a} / {b} at {scale} gave {q}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Theory]
    [InlineData(25, 1, 0, 2)]
    [InlineData(35, 1, 0, 4)]
    [InlineData(-25, 1, 0, -2)]
    [InlineData(-35, 1, 0, -4)]
    [InlineData(1250, 3, 2, 125)]
    [InlineData(1251, 3, 2, 125)]
    [InlineData(1255, 3, 2, 126)]
    public void Rounding_is_half_to_even(int coefficient, int scale, int resultScale, int expected) =>
        Assert.Equal(new TowerDecimal(expected, resultScale), new TowerDecimal(coefficient, scale).Divide(new TowerDecimal(1, 0), resultScale));

    [Fact]
    public void Comparison_is_numeric_and_equality_representational()
    {
        Assert.Equal(0, new TowerDecimal(10, 1).CompareTo(new TowerDecimal(1, 0)));
        Assert.NotEqual(new TowerDecimal(10, 1), new TowerDecimal(1, 0));
        Assert.True(new TowerDecimal(-1, 0) < new TowerDecimal(1, 3));
        Assert.Equal("-0.05", new TowerDecimal(-5, 2).ToString());
        Assert.Equal("123", new TowerDecimal(123, 0).ToString());
        Assert.Throws<DivideByZeroException>(() => new TowerDecimal(1, 0).Divide(TowerDecimal.Zero, 2));
        Assert.Throws<ArgumentException>(() => TowerDecimal.FromDouble(double.PositiveInfinity, 2));
    }
}
