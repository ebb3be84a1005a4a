using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class TimeAndIdentityOperationTests
{
    private readonly TowerHarness _t = new();
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timestamps_are_stored_in_utc_with_tick_precision()
    {
        var local = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 1, TimeSpan.FromHours(2)).AddTicks(7);
        _t.Ok(OpCode.SetTimestamp, "t", local);
        var stored = _t.Ok(OpCode.GetTimestamp, "t").AsTimestamp();
        Assert.Equal(local.UtcTicks, stored.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public void Timestamp_arithmetic_and_comparisons()
    {
        Assert.True(_t.Ok(OpCode.GetTimestamp, "t").IsNull);
        _t.Ok(OpCode.SetTimestamp, "t", Noon);
        Assert.Equal(Noon.AddHours(1), _t.Ok(OpCode.AddTimestamp, "t", TimeSpan.FromHours(1)).AsTimestamp());
        Assert.Equal(Noon.AddMinutes(30), _t.Ok(OpCode.SubTimestamp, "t", TimeSpan.FromMinutes(30)).AsTimestamp());
        Assert.True(_t.Ok(OpCode.BeforeTimestamp, "t", Noon.AddHours(1)).AsBool());
        Assert.False(_t.Ok(OpCode.AfterTimestamp, "t", Noon.AddHours(1)).AsBool());
        Assert.True(_t.Ok(OpCode.AfterTimestamp, "t", Noon).AsBool());
    }

    [Fact]
    public void Timestamp_arithmetic_outside_the_calendar_overflows()
    {
        _t.Ok(OpCode.SetTimestamp, "t", DateTimeOffset.MaxValue);
        _t.Fails(ResultStatus.Overflow, OpCode.AddTimestamp, "t", TimeSpan.FromTicks(1));
        _t.Fails(ResultStatus.Overflow, OpCode.SubTimestamp, "t", TimeSpan.MinValue);
        _t.Ok(OpCode.SetTimestamp, "u", DateTimeOffset.MinValue);
        _t.Fails(ResultStatus.Overflow, OpCode.SubTimestamp, "u", TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Durations_add_and_subtract_with_overflow_checks()
    {
        Assert.True(_t.Ok(OpCode.GetDuration, "d").IsNull);
        Assert.Equal(TimeSpan.FromSeconds(5), _t.Ok(OpCode.AddDuration, "d", TimeSpan.FromSeconds(5)).AsDuration());
        Assert.Equal(TimeSpan.FromSeconds(-5), _t.Ok(OpCode.SubDuration, "d", TimeSpan.FromSeconds(10)).AsDuration());
        Assert.Equal(TimeSpan.MaxValue, _t.Ok(OpCode.SetDuration, "d", TimeSpan.MaxValue).AsDuration());
        _t.Fails(ResultStatus.Overflow, OpCode.AddDuration, "d", TimeSpan.FromTicks(1));
        _t.Fails(ResultStatus.WrongType, OpCode.AddTimestamp, "d", TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Uuids_set_generate_compare()
    {
        var a = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var b = Guid.Parse("00000000-0000-0000-0000-000000000002");
        Assert.True(_t.Ok(OpCode.GetUuid, "u").IsNull);
        Assert.Equal(a, _t.Ok(OpCode.SetUuid, "u", a).AsUuid());
        Assert.Equal(b, _t.Ok(OpCode.GenerateUuid, "u", b).AsUuid());
        Assert.Equal(b, _t.Ok(OpCode.GetUuid, "u").AsUuid());
        Assert.True(_t.Ok(OpCode.EqualUuid, "u", b).AsBool());
        Assert.Equal(1, _t.Ok(OpCode.CompareUuid, "u", a).AsInt());
        _t.Fails(ResultStatus.WrongType, OpCode.SetString, "u", "x");
    }

    [Fact]
    public void Binary_values_append_and_report_the_new_length()
    {
        Assert.True(_t.Ok(OpCode.GetBinary, "b").IsNull);
        Assert.Equal(2, _t.Ok(OpCode.AppendBinary, "b", new byte[] { 1, 2 }).AsInt());
        Assert.Equal(3, _t.Ok(OpCode.AppendBinary, "b", new byte[] { 0 }).AsInt());
        Assert.Equal(new byte[] { 1, 2, 0 }, _t.Ok(OpCode.GetBinary, "b").AsBytes());
        Assert.Empty(_t.Ok(OpCode.SetBinary, "b", Array.Empty<byte>()).AsBytes());
        Assert.Empty(_t.Ok(OpCode.GetBinary, "b").AsBytes());
    }

    [Fact]
    public void Binary_growing_past_the_value_limit_is_invalid()
    {
        var t = new TowerHarness(new() { Limits = new() { MaxValueBytes = 100 } });
        t.Ok(OpCode.SetBinary, "b", new byte[90]);
        t.Fails(ResultStatus.InvalidArgument, OpCode.AppendBinary, "b", new byte[20]);
    }
}
