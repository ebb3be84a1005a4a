using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class StringOperationTests
{
    private readonly TowerHarness _t = new();

    [Fact]
    public void Get_of_a_missing_key_is_null_and_set_then_get_round_trips_unicode()
    {
        Assert.True(_t.Ok(OpCode.GetString, "s").IsNull);
        Assert.Equal("héllo 🌍 ✓", _t.Ok(OpCode.SetString, "s", "héllo 🌍 ✓").AsString());
        Assert.Equal("héllo 🌍 ✓", _t.Ok(OpCode.GetString, "s").AsString());
    }

    [Fact]
    public void Append_and_prepend_start_from_empty_and_return_the_new_value()
    {
        Assert.Equal("b", _t.Ok(OpCode.AppendString, "s", "b").AsString());
        Assert.Equal("bc", _t.Ok(OpCode.AppendString, "s", "c").AsString());
        Assert.Equal("abc", _t.Ok(OpCode.PrependString, "s", "a").AsString());
        Assert.Equal("abc", _t.Ok(OpCode.GetString, "s").AsString());
    }

    [Fact]
    public void Replace_replaces_every_occurrence_ordinally()
    {
        _t.Ok(OpCode.SetString, "s", "aXbXcx");
        Assert.Equal("a--b--cx", _t.Ok(OpCode.ReplaceString, "s", "X", "--").AsString());
    }

    [Fact]
    public void Replace_of_an_empty_string_is_invalid_and_changes_nothing()
    {
        _t.Ok(OpCode.SetString, "s", "abc");
        _t.Fails(ResultStatus.InvalidArgument, OpCode.ReplaceString, "s", "", "x");
    }

    [Fact]
    public void Searches_are_ordinal_and_work_on_empty_for_a_missing_key()
    {
        _t.Ok(OpCode.SetString, "s", "Hello World");
        Assert.True(_t.Ok(OpCode.ContainsString, "s", "o W").AsBool());
        Assert.False(_t.Ok(OpCode.ContainsString, "s", "o w").AsBool());
        Assert.True(_t.Ok(OpCode.StartsWithString, "s", "Hell").AsBool());
        Assert.False(_t.Ok(OpCode.StartsWithString, "s", "hell").AsBool());
        Assert.True(_t.Ok(OpCode.EndsWithString, "s", "World").AsBool());
        Assert.False(_t.Ok(OpCode.ContainsString, "missing", "a").AsBool());
        Assert.True(_t.Ok(OpCode.StartsWithString, "missing", "").AsBool());
    }

    [Fact]
    public void Length_counts_utf16_code_units()
    {
        _t.Ok(OpCode.SetString, "s", "a🌍");
        Assert.Equal(3, _t.Ok(OpCode.LengthString, "s").AsInt());
        Assert.Equal(0, _t.Ok(OpCode.LengthString, "missing").AsInt());
    }

    [Fact]
    public void Substring_returns_the_slice_and_rejects_out_of_range_bounds()
    {
        _t.Ok(OpCode.SetString, "s", "abcdef");
        Assert.Equal("cde", _t.Ok(OpCode.SubstringString, "s", 2L, 3L).AsString());
        Assert.Equal("", _t.Ok(OpCode.SubstringString, "s", 6L, 0L).AsString());
        Assert.Equal(ResultStatus.OutOfRange, _t.Read(OpCode.SubstringString, "s", 4L, 3L).Status);
        Assert.Equal(ResultStatus.OutOfRange, _t.Read(OpCode.SubstringString, "s", -1L, 1L).Status);
        Assert.True(_t.Ok(OpCode.SubstringString, "missing", 0L, 1L).IsNull);
    }

    [Fact]
    public void Compare_and_equal_are_ordinal()
    {
        _t.Ok(OpCode.SetString, "s", "b");
        Assert.Equal(1, _t.Ok(OpCode.CompareString, "s", "a").AsInt());
        Assert.Equal(0, _t.Ok(OpCode.CompareString, "s", "b").AsInt());
        Assert.Equal(-1, _t.Ok(OpCode.CompareString, "s", "c").AsInt());
        Assert.Equal(1, _t.Ok(OpCode.CompareString, "s", "B").AsInt());
        Assert.True(_t.Ok(OpCode.EqualString, "s", "b").AsBool());
        Assert.False(_t.Ok(OpCode.EqualString, "s", "B").AsBool());
    }

    [Fact]
    public void Upper_and_lower_store_the_invariant_case()
    {
        _t.Ok(OpCode.SetString, "s", "MiXeD é");
        Assert.Equal("MIXED É", _t.Ok(OpCode.UpperString, "s").AsString());
        Assert.Equal("mixed é", _t.Ok(OpCode.LowerString, "s").AsString());
        Assert.Equal("mixed é", _t.Ok(OpCode.GetString, "s").AsString());
    }

    [Fact]
    public void Compare_and_set_with_null_expected_requires_absence()
    {
        Assert.True(_t.Ok(OpCode.CompareAndSetString, "s", TowerValue.Null, "v1").AsBool());
        Assert.False(_t.Ok(OpCode.CompareAndSetString, "s", TowerValue.Null, "v2").AsBool());
        Assert.Equal("v1", _t.Ok(OpCode.GetString, "s").AsString());
    }

    [Fact]
    public void Compare_and_set_swaps_only_on_a_match_and_deletes_with_a_null_value()
    {
        _t.Ok(OpCode.SetString, "s", "v1");
        Assert.False(_t.Ok(OpCode.CompareAndSetString, "s", "other", "v2").AsBool());
        Assert.True(_t.Ok(OpCode.CompareAndSetString, "s", "v1", "v2").AsBool());
        Assert.Equal("v2", _t.Ok(OpCode.GetString, "s").AsString());
        Assert.True(_t.Ok(OpCode.CompareAndSetString, "s", "v2", TowerValue.Null).AsBool());
        Assert.False(_t.Ok(OpCode.Exists, "s").AsBool());
    }

    [Fact]
    public void String_operations_on_another_type_fail_with_wrong_type_and_change_nothing()
    {
        _t.Ok(OpCode.SetInt, "n", 5L);
        _t.Fails(ResultStatus.WrongType, OpCode.SetString, "n", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.AppendString, "n", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.UpperString, "n");
        _t.Fails(ResultStatus.WrongType, OpCode.CompareAndSetString, "n", TowerValue.Null, "x");
        Assert.Equal(ResultStatus.WrongType, _t.Read(OpCode.GetString, "n").Status);
        Assert.Equal(ResultStatus.WrongType, _t.Read(OpCode.LengthString, "n").Status);
    }

    [Fact]
    public void A_value_near_the_limit_is_stored_and_growing_past_it_is_invalid()
    {
        var t = new TowerHarness(new() { Limits = new() { MaxValueBytes = 1024 } });
        var big = new string('x', 1000);
        Assert.Equal(1000, t.Ok(OpCode.SetString, "s", big).AsString().Length);
        t.Fails(ResultStatus.InvalidArgument, OpCode.AppendString, "s", new string('y', 100));
        Assert.Equal(big, t.Ok(OpCode.GetString, "s").AsString());
    }

    [Fact]
    public void A_key_of_the_maximum_size_works()
    {
        var key = new string('k', 64 * 1024);
        _t.Ok(OpCode.SetString, key, "v");
        Assert.Equal("v", _t.Ok(OpCode.GetString, key).AsString());
    }
}
