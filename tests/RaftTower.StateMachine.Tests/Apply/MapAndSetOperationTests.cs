using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class MapAndSetOperationTests
{
    private readonly TowerHarness _t = new();

    private List<TowerValue> Items(OpCode op, string key) => [.. _t.Read(op, key).Items!];

    [Fact]
    public void A_missing_map_reads_as_empty()
    {
        Assert.False(_t.Ok(OpCode.MapExists, "m").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.MapLength, "m").AsInt());
        Assert.True(_t.Ok(OpCode.MapGet, "m", "f").IsNull);
        Assert.Empty(Items(OpCode.MapKeys, "m"));
        Assert.Empty(Items(OpCode.MapValues, "m"));
        Assert.Equal(0, _t.Ok(OpCode.MapDelete, "m", "f").AsInt());
    }

    [Fact]
    public void Map_fields_keep_their_type()
    {
        Assert.Equal(1, _t.Ok(OpCode.MapSet, "m", 42L, "int").AsInt());
        Assert.Equal(2, _t.Ok(OpCode.MapSet, "m", "42", "string").AsInt());
        Assert.Equal(2, _t.Ok(OpCode.MapSet, "m", "42", "replaced").AsInt());
        Assert.Equal("int", _t.Ok(OpCode.MapGet, "m", 42L).AsString());
        Assert.Equal("replaced", _t.Ok(OpCode.MapGet, "m", "42").AsString());
        Assert.True(_t.Ok(OpCode.MapGet, "m", 42.0).IsNull);
        Assert.Equal([TowerValue.FromInt(42), TowerValue.FromString("42")], Items(OpCode.MapKeys, "m"));
        Assert.Equal([TowerValue.FromString("int"), TowerValue.FromString("replaced")], Items(OpCode.MapValues, "m"));
    }

    [Fact]
    public void Map_delete_moves_the_last_field_into_the_hole_and_keeps_every_other_field()
    {
        for (var i = 0L; i < 5; i++)
        {
            _t.Ok(OpCode.MapSet, "m", i, i * 10);
        }

        Assert.Equal(4, _t.Ok(OpCode.MapDelete, "m", 1L).AsInt());
        Assert.Equal(4, _t.Ok(OpCode.MapDelete, "m", 99L).AsInt());
        Assert.Equal(3, _t.Ok(OpCode.MapDelete, "m", 4L).AsInt());
        Assert.Equal([0L, 2L, 3L], Items(OpCode.MapKeys, "m").Select(v => v.AsInt()).Order());
        foreach (var field in new[] { 0L, 2L, 3L })
        {
            Assert.Equal(field * 10, _t.Ok(OpCode.MapGet, "m", field).AsInt());
        }

        Assert.True(_t.Ok(OpCode.MapGet, "m", 1L).IsNull);
    }

    [Fact]
    public void Clear_and_delete_map_remove_every_element_record()
    {
        _t.Ok(OpCode.MapSet, "m", "a", 1L);
        _t.Ok(OpCode.MapSet, "m", "b", 2L);
        Assert.True(_t.Ok(OpCode.ClearMap, "m").AsBool());
        Assert.True(_t.Ok(OpCode.MapExists, "m").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.MapLength, "m").AsInt());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] == 2);
        _t.Ok(OpCode.MapSet, "m", "c", 3L);
        Assert.True(_t.Ok(OpCode.DeleteMap, "m").AsBool());
        Assert.False(_t.Ok(OpCode.ClearMap, "m").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2);
    }

    [Fact]
    public void Map_and_set_operations_on_other_types_fail_and_change_nothing()
    {
        Assert.True(_t.Ok(OpCode.CreateMap, "m").AsBool());
        Assert.False(_t.Ok(OpCode.CreateMap, "m").AsBool());
        _t.Fails(ResultStatus.WrongType, OpCode.SetAdd, "m", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.CreateSet, "m");
        _t.Ok(OpCode.SetAdd, "s", "x");
        _t.Fails(ResultStatus.WrongType, OpCode.MapSet, "s", "f", "v");
        _t.Fails(ResultStatus.WrongType, OpCode.ClearMap, "s");
        Assert.Equal(ResultStatus.WrongType, _t.Read(OpCode.MapKeys, "s").Status);
    }

    [Fact]
    public void A_map_field_over_the_key_limit_is_invalid()
    {
        var t = new TowerHarness(new() { Limits = new() { MaxKeyBytes = 100 } });
        t.Fails(ResultStatus.InvalidArgument, OpCode.MapSet, "m", new string('f', 200), 1L);
        t.Fails(ResultStatus.InvalidArgument, OpCode.SetAdd, "s", new string('f', 200));
    }

    [Fact]
    public void Set_add_and_remove_return_the_size_after()
    {
        Assert.Equal(0, _t.Ok(OpCode.SetCardinality, "s").AsInt());
        Assert.Equal(1, _t.Ok(OpCode.SetAdd, "s", "a").AsInt());
        Assert.Equal(2, _t.Ok(OpCode.SetAdd, "s", "ß").AsInt());
        Assert.Equal(2, _t.Ok(OpCode.SetAdd, "s", "a").AsInt());
        Assert.Equal(3, _t.Ok(OpCode.SetAdd, "s", "").AsInt());
        Assert.True(_t.Ok(OpCode.SetIsMember, "s", "ß").AsBool());
        Assert.False(_t.Ok(OpCode.SetIsMember, "s", "SS").AsBool());
        Assert.Equal(2, _t.Ok(OpCode.SetRemove, "s", "a").AsInt());
        Assert.Equal(2, _t.Ok(OpCode.SetRemove, "s", "a").AsInt());
        Assert.Equal(["", "ß"], Items(OpCode.SetMembers, "s").Select(v => v.AsString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, _t.Ok(OpCode.SetCardinality, "s").AsInt());
    }

    [Fact]
    public void Set_create_clear_and_delete()
    {
        Assert.False(_t.Ok(OpCode.SetExists, "s").AsBool());
        Assert.True(_t.Ok(OpCode.CreateSet, "s").AsBool());
        Assert.False(_t.Ok(OpCode.CreateSet, "s").AsBool());
        Assert.Empty(Items(OpCode.SetMembers, "s"));
        _t.Ok(OpCode.SetAdd, "s", "a");
        Assert.True(_t.Ok(OpCode.ClearSet, "s").AsBool());
        Assert.Equal(0, _t.Ok(OpCode.SetCardinality, "s").AsInt());
        Assert.False(_t.Ok(OpCode.SetIsMember, "s", "a").AsBool());
        Assert.True(_t.Ok(OpCode.DeleteSet, "s").AsBool());
        Assert.False(_t.Ok(OpCode.SetExists, "s").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2);
    }
}
