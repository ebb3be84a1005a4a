using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class TimeSeriesAndBloomOperationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TowerHarness _t = new();

    private List<TimeSeriesPoint> Range(DateTimeOffset from, DateTimeOffset to) => [.. _t.Read(OpCode.TimeSeriesRange, "ts", from, to).Points!];

    [Fact]
    public void A_missing_series_reads_as_empty()
    {
        Assert.False(_t.Ok(OpCode.TimeSeriesExists, "ts").AsBool());
        Assert.True(_t.Ok(OpCode.TimeSeriesGet, "ts", T0).IsNull);
        Assert.Empty(Range(T0, T0.AddDays(1)));
        Assert.False(_t.Ok(OpCode.TimeSeriesRemove, "ts", T0).AsBool());
    }

    [Fact]
    public void Points_come_back_sorted_and_inclusive_and_replace_on_the_same_timestamp()
    {
        Assert.True(_t.Ok(OpCode.TimeSeriesCreate, "ts").AsBool());
        Assert.False(_t.Ok(OpCode.TimeSeriesCreate, "ts").AsBool());
        foreach (var minutes in new[] { 30, 10, 20, 0, 40 })
        {
            _t.Ok(OpCode.TimeSeriesAdd, "ts", T0.AddMinutes(minutes), (long)minutes);
        }

        Assert.Equal(5, _t.Ok(OpCode.TimeSeriesAdd, "ts", T0.AddMinutes(20), "twenty").AsInt());
        var points = Range(T0.AddMinutes(10), T0.AddMinutes(30));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(20), T0.AddMinutes(30)], points.Select(p => p.Timestamp));
        Assert.Equal([TowerValue.FromInt(10), TowerValue.FromString("twenty"), TowerValue.FromInt(30)], points.Select(p => p.Value));
        Assert.Empty(Range(T0.AddMinutes(30), T0.AddMinutes(10)));
        Assert.Equal(TowerValue.FromInt(40), _t.Ok(OpCode.TimeSeriesGet, "ts", T0.AddMinutes(40)));
        Assert.True(_t.Ok(OpCode.TimeSeriesGet, "ts", T0.AddMinutes(41)).IsNull);
    }

    [Fact]
    public void Remove_and_delete_series()
    {
        _t.Ok(OpCode.TimeSeriesAdd, "ts", T0, 1.5);
        _t.Ok(OpCode.TimeSeriesAdd, "ts", T0.AddSeconds(1), 2.5);
        Assert.True(_t.Ok(OpCode.TimeSeriesRemove, "ts", T0).AsBool());
        Assert.False(_t.Ok(OpCode.TimeSeriesRemove, "ts", T0).AsBool());
        Assert.Single(Range(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.True(_t.Ok(OpCode.DeleteTimeSeries, "ts").AsBool());
        Assert.False(_t.Ok(OpCode.TimeSeriesExists, "ts").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2);
    }

    [Fact]
    public void Series_operations_on_another_type_fail()
    {
        _t.Ok(OpCode.PushRight, "l", 1L);
        _t.Fails(ResultStatus.WrongType, OpCode.TimeSeriesAdd, "l", T0, 1L);
        _t.Fails(ResultStatus.WrongType, OpCode.DeleteTimeSeries, "l");
        Assert.Equal(ResultStatus.WrongType, _t.Read(OpCode.TimeSeriesRange, "l", T0, T0).Status);
    }

    [Fact]
    public void Bloom_filter_has_no_false_negatives_and_counts_new_items()
    {
        Assert.True(_t.Ok(OpCode.CreateBloomFilter, "b", 0L).AsBool());
        Assert.False(_t.Ok(OpCode.CreateBloomFilter, "b", 5L).AsBool());
        for (var i = 0; i < 200; i++)
        {
            Assert.True(_t.Ok(OpCode.BloomFilterAdd, "b", "item-" + i).AsBool());
        }

        Assert.False(_t.Ok(OpCode.BloomFilterAdd, "b", "item-7").AsBool());
        Assert.Equal(200, _t.Ok(OpCode.BloomFilterCount, "b").AsInt());
        for (var i = 0; i < 200; i++)
        {
            Assert.True(_t.Ok(OpCode.BloomFilterContains, "b", "item-" + i).AsBool());
        }

        var falsePositives = Enumerable.Range(0, 1000).Count(i => _t.Ok(OpCode.BloomFilterContains, "b", "other-" + i).AsBool());
        Assert.True(falsePositives < 10, $"{falsePositives} false positives");
    }

    [Fact]
    public void Bloom_add_touches_only_small_chunk_records()
    {
        _t.Ok(OpCode.BloomFilterAdd, "b", "x");
        Assert.All(_t.Store.EnumerateOrdered().Where(r => r.Key[0] == 2), r => Assert.Equal(64, r.Value.Length));
        Assert.InRange(_t.Store.EnumerateOrdered().Count(r => r.Key[0] == 2), 1, 3);
    }

    [Fact]
    public void Bloom_clear_delete_and_bad_hash_slots()
    {
        _t.Fails(ResultStatus.InvalidArgument, OpCode.CreateBloomFilter, "b", 33L);
        _t.Fails(ResultStatus.InvalidArgument, OpCode.CreateBloomFilter, "b", -1L);
        Assert.False(_t.Ok(OpCode.BloomFilterContains, "b", "x").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.BloomFilterCount, "b").AsInt());
        _t.Ok(OpCode.BloomFilterAdd, "b", "x");
        Assert.True(_t.Ok(OpCode.BloomFilterClear, "b").AsBool());
        Assert.False(_t.Ok(OpCode.BloomFilterContains, "b", "x").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.BloomFilterCount, "b").AsInt());
        Assert.True(_t.Ok(OpCode.DeleteBloomFilter, "b").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2);
        _t.Ok(OpCode.SetString, "s", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.BloomFilterAdd, "s", "x");
    }
}
