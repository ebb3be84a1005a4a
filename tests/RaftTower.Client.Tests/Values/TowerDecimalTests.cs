using System.Numerics;

namespace RaftTower.Client.Tests.Values;

public sealed class TowerDecimalTests
{
    [Theory]
    [InlineData(12345, 2, "123.45")]
    [InlineData(-5, 2, "-0.05")]
    [InlineData(5, -2, "500")]
    [InlineData(0, 0, "0")]
    [InlineData(-12, 0, "-12")]
    public void Formats_in_plain_notation(long coefficient, int scale, string text) =>
        Assert.Equal(text, new TowerDecimal(coefficient, scale).ToString());

    [Theory]
    [InlineData("123.45", 12345, 2)]
    [InlineData("-0.050", -50, 3)]
    [InlineData("+7", 7, 0)]
    [InlineData(".5", 5, 1)]
    public void Parses_plain_notation(string text, long coefficient, int scale)
    {
        Assert.True(TowerDecimal.TryParse(text, out var value));
        Assert.Equal(new TowerDecimal(coefficient, scale), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("--1")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    public void Rejects_what_is_not_plain_notation(string text) => Assert.False(TowerDecimal.TryParse(text, out _));

    [Fact]
    public void Compares_numerically_across_scales_while_equality_keeps_the_scale()
    {
        var tenTenths = new TowerDecimal(10, 1);
        var one = new TowerDecimal(BigInteger.One, 0);

        Assert.Equal(0, tenTenths.CompareTo(one));
        Assert.NotEqual(tenTenths, one);
        Assert.True(new TowerDecimal(-1, 0) < new TowerDecimal(1, 3));
        Assert.True(new TowerDecimal(5, -1) > new TowerDecimal(49, 0));
    }
}
