using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using RaftTower.Client.Internal;

namespace RaftTower.Client.Tests.Values;

public sealed class TowerValueTests
{
    [Fact]
    public void Equality_is_typed_so_int_float_and_string_42_differ()
    {
        TowerValue asInt = 42L;
        TowerValue asFloat = 42.0;
        TowerValue asString = "42";

        Assert.NotEqual(asInt, asFloat);
        Assert.NotEqual(asInt, asString);
        Assert.NotEqual(asFloat, asString);
        Assert.Equal(asInt, (TowerValue)42L);
        Assert.Equal(asInt.GetHashCode(), ((TowerValue)42L).GetHashCode());
    }

    [Fact]
    public void Floats_compare_bit_exactly()
    {
        Assert.Equal((TowerValue)double.NaN, (TowerValue)double.NaN);
        Assert.NotEqual((TowerValue)0.0, (TowerValue)(-0.0));
    }

    [Fact]
    public void Bytes_compare_by_content_and_are_copied_on_the_way_in()
    {
        var bytes = new byte[] { 1, 2, 3 };
        TowerValue value = bytes;
        bytes[0] = 9;

        Assert.Equal((TowerValue)new byte[] { 1, 2, 3 }, value);
        Assert.Equal(new byte[] { 1, 2, 3 }, value.AsBytes().ToArray());
    }

    [Fact]
    public void Every_clr_type_converts_implicitly_and_reads_back()
    {
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5));
        var id = Guid.NewGuid();
        var big = BigInteger.Pow(2, 100);
        var dec = new TowerDecimal(-314, 2);

        Assert.Equal("s", ((TowerValue)"s").AsString());
        Assert.Equal(-7L, ((TowerValue)(-7L)).AsInt64());
        Assert.Equal(1.25, ((TowerValue)1.25).AsDouble());
        Assert.True(((TowerValue)true).AsBoolean());
        Assert.Equal(when.UtcDateTime, ((TowerValue)when).AsDateTimeOffset().UtcDateTime);
        Assert.Equal(TimeSpan.Zero, ((TowerValue)when).AsDateTimeOffset().Offset);
        Assert.Equal(TimeSpan.FromTicks(3), ((TowerValue)TimeSpan.FromTicks(3)).AsTimeSpan());
        Assert.Equal(id, ((TowerValue)id).AsGuid());
        Assert.Equal(big, ((TowerValue)big).AsBigInteger());
        Assert.Equal(dec, ((TowerValue)dec).AsTowerDecimal());
        Assert.Equal(TowerType.Decimal, ((TowerValue)dec).Type);
    }

    [Fact]
    public void Reading_the_wrong_type_throws_invalid_cast()
    {
        TowerValue value = "text";

        var error = Assert.Throws<InvalidCastException>(() => value.AsInt64());

        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_value_is_the_integer_zero()
    {
        Assert.Equal(TowerType.Int, default(TowerValue).Type);
        Assert.Equal((TowerValue)0L, default);
    }

    [Fact]
    public void Wire_round_trip_keeps_type_and_value()
    {
        var values = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<double>().Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<bool>().Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<Guid>().Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<byte[]>().Where(b => b is not null).Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(v => (TowerValue)v),
            ArbMap.Default.GeneratorFor<long>().Select(v => (TowerValue)TimeSpan.FromTicks(v)),
            Gen.Choose(0, int.MaxValue).Select(v => (TowerValue)new DateTimeOffset(v * 1_000_000L, TimeSpan.Zero)),
            ArbMap.Default.GeneratorFor<long>().Select(v => (TowerValue)(new BigInteger(v) * v * v)),
            ArbMap.Default.GeneratorFor<long>().Zip(Gen.Choose(-5, 20)).Select(p => (TowerValue)new TowerDecimal(p.Item1, p.Item2)));

        Prop.ForAll(Arb.From(values), v => WireValues.FromWire(WireValues.ToWire(v)) == v).QuickCheckThrowOnFailure();
    }
}
