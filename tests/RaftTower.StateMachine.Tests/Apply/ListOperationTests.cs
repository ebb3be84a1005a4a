using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class ListOperationTests
{
    private readonly TowerHarness _t = new();

    private List<TowerValue> Range(long start, long stop) => [.. _t.Read(OpCode.ListRange, "l", start, stop).Items!];

    [Fact]
    public void A_missing_list_reads_as_empty()
    {
        Assert.False(_t.Ok(OpCode.ListExists, "l").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.ListLength, "l").AsInt());
        Assert.Empty(Range(0, -1));
        Assert.True(_t.Ok(OpCode.ListIndex, "l", 0L).IsNull);
        Assert.True(_t.Ok(OpCode.PopLeft, "l").IsNull);
        Assert.False(_t.Ok(OpCode.Exists, "l").AsBool());
    }

    [Fact]
    public void Create_returns_false_when_the_list_exists_and_wrong_type_for_another_type()
    {
        Assert.True(_t.Ok(OpCode.CreateList, "l").AsBool());
        Assert.False(_t.Ok(OpCode.CreateList, "l").AsBool());
        Assert.True(_t.Ok(OpCode.ListExists, "l").AsBool());
        _t.Ok(OpCode.SetString, "s", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.CreateList, "s");
        _t.Fails(ResultStatus.WrongType, OpCode.PushLeft, "s", 1L);
    }

    [Fact]
    public void Pushes_on_both_ends_keep_order_and_typed_values()
    {
        Assert.Equal(1, _t.Ok(OpCode.PushRight, "l", 2L).AsInt());
        Assert.Equal(2, _t.Ok(OpCode.PushRight, "l", "2").AsInt());
        Assert.Equal(3, _t.Ok(OpCode.PushLeft, "l", 1.5).AsInt());
        Assert.Equal([TowerValue.FromFloat(1.5), TowerValue.FromInt(2), TowerValue.FromString("2")], Range(0, -1));
        Assert.Equal(TowerValue.FromString("2"), _t.Ok(OpCode.ListIndex, "l", -1L));
        Assert.Equal(TowerValue.FromFloat(1.5), _t.Ok(OpCode.ListIndex, "l", -3L));
        Assert.True(_t.Ok(OpCode.ListIndex, "l", -4L).IsNull);
        Assert.True(_t.Ok(OpCode.ListIndex, "l", 3L).IsNull);
    }

    [Fact]
    public void Pops_take_from_each_end_and_leave_an_empty_list()
    {
        _t.Ok(OpCode.PushRight, "l", "a");
        _t.Ok(OpCode.PushRight, "l", "b");
        Assert.Equal("a", _t.Ok(OpCode.PopLeft, "l").AsString());
        Assert.Equal("b", _t.Ok(OpCode.PopRight, "l").AsString());
        Assert.True(_t.Ok(OpCode.PopRight, "l").IsNull);
        Assert.True(_t.Ok(OpCode.ListExists, "l").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.ListLength, "l").AsInt());
    }

    [Theory]
    [InlineData(0, -1, "abcde")]
    [InlineData(1, 3, "bcd")]
    [InlineData(-2, -1, "de")]
    [InlineData(-100, 1, "ab")]
    [InlineData(3, 100, "de")]
    [InlineData(4, 2, "")]
    [InlineData(5, 10, "")]
    public void Range_clamps_like_redis_lrange(long start, long stop, string expected)
    {
        foreach (var c in "abcde")
        {
            _t.Ok(OpCode.PushRight, "l", c.ToString());
        }

        Assert.Equal(expected, string.Concat(Range(start, stop).Select(v => v.AsString())));
    }

    [Theory]
    [InlineData(1, 3, "bcd")]
    [InlineData(-2, -1, "de")]
    [InlineData(3, 1, "")]
    [InlineData(-100, 100, "abcde")]
    public void Trim_keeps_the_clamped_range(long start, long stop, string expected)
    {
        foreach (var c in "abcde")
        {
            _t.Ok(OpCode.PushRight, "l", c.ToString());
        }

        Assert.Equal(expected.Length, _t.Ok(OpCode.ListTrim, "l", start, stop).AsInt());
        Assert.Equal(expected, string.Concat(Range(0, -1).Select(v => v.AsString())));
        Assert.Equal(expected.Length, _t.Ok(OpCode.ListLength, "l").AsInt());
    }

    [Fact]
    public void Trimming_to_empty_removes_every_element_record()
    {
        for (var i = 0; i < 10; i++)
        {
            _t.Ok(OpCode.PushRight, "l", (long)i);
        }

        var records = _t.Store.Count;
        _t.Ok(OpCode.ListTrim, "l", 5L, 1L);
        Assert.Equal(records - 10, _t.Store.Count);
    }

    [Fact]
    public void Set_replaces_by_index_and_rejects_out_of_range_or_missing_lists()
    {
        _t.Fails(ResultStatus.NotFound, OpCode.ListSet, "l", 0L, "x");
        _t.Ok(OpCode.PushRight, "l", "a");
        _t.Ok(OpCode.PushRight, "l", "b");
        _t.Ok(OpCode.ListSet, "l", -1L, "B");
        Assert.Equal("B", _t.Ok(OpCode.ListIndex, "l", 1L).AsString());
        _t.Fails(ResultStatus.OutOfRange, OpCode.ListSet, "l", 2L, "x");
        _t.Fails(ResultStatus.OutOfRange, OpCode.ListSet, "l", -3L, "x");
    }

    [Fact]
    public void Delete_list_removes_every_record_and_rejects_other_types()
    {
        _t.Ok(OpCode.PushRight, "l", "a");
        _t.Ok(OpCode.PushLeft, "l", "b");
        Assert.True(_t.Ok(OpCode.DeleteList, "l").AsBool());
        Assert.False(_t.Ok(OpCode.DeleteList, "l").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2);
        _t.Ok(OpCode.SetInt, "n", 1L);
        _t.Fails(ResultStatus.WrongType, OpCode.DeleteList, "n");
    }
}
