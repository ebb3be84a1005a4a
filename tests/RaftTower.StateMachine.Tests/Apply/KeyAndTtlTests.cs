using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class KeyAndTtlTests
{
    private readonly TowerHarness _t = new();

    [Fact]
    public void Delete_exists_and_type_of_cover_every_type()
    {
        Assert.False(_t.Ok(OpCode.Delete, "k").AsBool());
        Assert.True(_t.Ok(OpCode.TypeOf, "k").IsNull);
        _t.Ok(OpCode.PushRight, "k", 1L);
        Assert.True(_t.Ok(OpCode.Exists, "k").AsBool());
        Assert.Equal((long)TowerType.List, _t.Ok(OpCode.TypeOf, "k").AsInt());
        Assert.True(_t.Ok(OpCode.Delete, "k").AsBool());
        Assert.False(_t.Ok(OpCode.Exists, "k").AsBool());
        _t.Ok(OpCode.SetDecimal, "k", new TowerDecimal(1, 0));
        Assert.Equal((long)TowerType.Decimal, _t.Ok(OpCode.TypeOf, "k").AsInt());
    }

    [Fact]
    public void Ttl_on_a_missing_key_is_false_and_get_ttl_without_one_is_null()
    {
        Assert.False(_t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(5)).AsBool());
        Assert.False(_t.Ok(OpCode.RemoveTtl, "k").AsBool());
        _t.Ok(OpCode.SetString, "k", "v");
        Assert.True(_t.Ok(OpCode.GetTtl, "k").IsNull);
        Assert.False(_t.Ok(OpCode.RemoveTtl, "k").AsBool());
    }

    [Fact]
    public void A_key_is_absent_from_the_entry_whose_timestamp_reaches_its_expiry()
    {
        _t.Ok(OpCode.SetInt, "k", 1L);
        Assert.True(_t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(10)).AsBool());
        Assert.Equal(TimeSpan.FromSeconds(10), _t.Ok(OpCode.GetTtl, "k").AsDuration());
        _t.Now += TimeSpan.FromSeconds(4).Ticks;
        Assert.Equal(TimeSpan.FromSeconds(6), _t.Ok(OpCode.GetTtl, "k").AsDuration());
        Assert.Equal(2, _t.Ok(OpCode.IncInt, "k").AsInt());
        _t.Now += TimeSpan.FromSeconds(6).Ticks;
        Assert.False(_t.Ok(OpCode.Exists, "k").AsBool());
        Assert.True(_t.Ok(OpCode.GetInt, "k").IsNull);
        Assert.Equal(1, _t.Ok(OpCode.IncInt, "k").AsInt());
        Assert.True(_t.Ok(OpCode.GetTtl, "k").IsNull);
    }

    [Fact]
    public void An_expired_key_of_another_type_is_replaced_without_wrong_type()
    {
        _t.Ok(OpCode.PushRight, "k", "a");
        _t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(1));
        _t.Now += TimeSpan.FromSeconds(1).Ticks;
        Assert.Equal("x", _t.Ok(OpCode.SetString, "k", "x").AsString());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 2 or 3);
    }

    [Fact]
    public void A_failing_write_does_not_even_clean_up_an_expired_key()
    {
        _t.Ok(OpCode.SetInt, "k", 5L);
        _t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(1));
        _t.Now += TimeSpan.FromSeconds(2).Ticks;
        _t.Fails(ResultStatus.DivideByZero, OpCode.DivInt, "k", 0L);
    }

    [Fact]
    public void Set_ttl_replaces_the_old_one_and_remove_ttl_keeps_the_key()
    {
        _t.Ok(OpCode.SetString, "k", "v");
        _t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(10));
        var at = new DateTimeOffset(TowerHarness.Start, TimeSpan.Zero).AddMinutes(5);
        Assert.True(_t.Ok(OpCode.SetTtlAt, "k", at).AsBool());
        Assert.Equal(TimeSpan.FromMinutes(5), _t.Ok(OpCode.GetTtl, "k").AsDuration());
        Assert.Single(_t.Machine.GetDueExpirations(at.UtcTicks, 10));
        Assert.True(_t.Ok(OpCode.RemoveTtl, "k").AsBool());
        Assert.True(_t.Ok(OpCode.GetTtl, "k").IsNull);
        Assert.Empty(_t.Machine.GetDueExpirations(long.MaxValue - 1, 10));
        _t.Now = at.UtcTicks + 1;
        Assert.Equal("v", _t.Ok(OpCode.GetString, "k").AsString());
    }

    [Fact]
    public void Set_ttl_in_the_past_deletes_the_key_now()
    {
        _t.Ok(OpCode.SetString, "k", "v");
        Assert.True(_t.Ok(OpCode.SetTtlAt, "k", new DateTimeOffset(TowerHarness.Start, TimeSpan.Zero)).AsBool());
        Assert.False(_t.Ok(OpCode.Exists, "k").AsBool());
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 3);
    }

    [Fact]
    public void Writes_keep_the_ttl()
    {
        _t.Ok(OpCode.SetString, "k", "v");
        _t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(10));
        _t.Ok(OpCode.SetString, "k", "w");
        _t.Ok(OpCode.AppendString, "k", "!");
        Assert.Equal(TimeSpan.FromSeconds(10), _t.Ok(OpCode.GetTtl, "k").AsDuration());
    }

    [Fact]
    public void Due_expirations_come_earliest_first_in_bounded_batches()
    {
        for (var i = 0; i < 5; i++)
        {
            _t.Ok(OpCode.SetInt, "k" + i, (long)i);
            _t.Ok(OpCode.SetTtlFor, "k" + i, TimeSpan.FromSeconds(10 - i));
        }

        var now = _t.Now + TimeSpan.FromSeconds(8).Ticks;
        var due = _t.Machine.GetDueExpirations(now, 2);
        Assert.Equal(["k4", "k3"], due.Select(d => System.Text.Encoding.UTF8.GetString(d.Key)));
        Assert.Equal(3, _t.Machine.GetDueExpirations(now, 100).Count);
        Assert.Empty(_t.Machine.GetDueExpirations(_t.Now, 100));
    }

    [Fact]
    public void Expire_command_deletes_only_keys_whose_expiry_is_unchanged()
    {
        _t.Ok(OpCode.SetInt, "a", 1L);
        _t.Ok(OpCode.SetTtlFor, "a", TimeSpan.FromSeconds(1));
        _t.Ok(OpCode.PushRight, "b", 1L);
        _t.Ok(OpCode.SetTtlFor, "b", TimeSpan.FromSeconds(1));
        _t.Now += TimeSpan.FromSeconds(2).Ticks;
        var due = _t.Machine.GetDueExpirations(_t.Now, 10);
        Assert.Equal(2, due.Count);

        // Between the leader's look and the commit, "b" was rewritten with a new TTL: it must survive.
        _t.Ok(OpCode.PushRight, "b", 2L);
        _t.Ok(OpCode.SetTtlFor, "b", TimeSpan.FromSeconds(30));
        var result = _t.Write(new TowerCommand(OpCode.ExpireKeys, [], Expirations: due));
        Assert.Equal(1, result.Value.AsInt());
        Assert.False(_t.Ok(OpCode.Exists, "a").AsBool());
        Assert.Equal(1, _t.Ok(OpCode.ListLength, "b").AsInt());
        Assert.Empty(_t.Machine.GetDueExpirations(_t.Now, 10));
    }

    [Fact]
    public void Ttl_of_a_collection_removes_its_elements_on_expiry()
    {
        _t.Ok(OpCode.MapSet, "m", "f", 1L);
        _t.Ok(OpCode.SetTtlFor, "m", TimeSpan.FromSeconds(1));
        _t.Now += TimeSpan.FromSeconds(1).Ticks;
        Assert.Equal(0, _t.Ok(OpCode.MapLength, "m").AsInt());
        _t.Write(new TowerCommand(OpCode.ExpireKeys, [], Expirations: _t.Machine.GetDueExpirations(_t.Now, 10)));
        Assert.DoesNotContain(_t.Store.EnumerateOrdered(), r => r.Key[0] is 1 or 2 or 3);
    }
}
