using RaftTower.StateMachine.Apply;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class TowerStateMachineTests
{
    private readonly TowerHarness _t = new();

    [Fact]
    public void A_malformed_entry_gives_invalid_argument_advances_the_applied_index_and_changes_no_data()
    {
        _t.Ok(OpCode.SetString, "k", "v");
        var before = _t.DataDump();
        var result = ResultCodec.Decode(_t.ApplyBytes([CommandCodec.Version, 0, 0, 0, 0xFF]));
        Assert.Equal(ResultStatus.InvalidArgument, result.Status);
        Assert.Contains("opcode", result.Message, StringComparison.Ordinal);
        Assert.Equal(_t.Index, _t.Machine.AppliedIndex);
        Assert.Equal(before, _t.DataDump());
    }

    [Fact]
    public void Applying_an_index_not_after_the_applied_index_is_a_broken_contract()
    {
        _t.Ok(OpCode.SetInt, "k", 1L);
        var entry = CommandCodec.EncodeWrite(new CommandEnvelope(0, 0, 0, new TowerCommand(OpCode.IncInt, "k"u8.ToArray())));
        Assert.Throws<ArgumentOutOfRangeException>(() => _t.Machine.Apply(_t.Index, _t.Now, entry));
        Assert.Equal(1, _t.Ok(OpCode.GetInt, "k").AsInt());
    }

    [Fact]
    public void The_applied_index_is_stored_and_survives_reopening_the_store()
    {
        _t.Ok(OpCode.SetInt, "k", 1L);
        _t.Ok(OpCode.IncInt, "k");
        var reopened = new TowerStateMachine(_t.Store);
        Assert.Equal(2, reopened.AppliedIndex);
        Assert.Equal(2, reopened.Read(new TowerCommand(OpCode.GetInt, "k"u8.ToArray()), _t.Now).Value.AsInt());
    }

    [Fact]
    public void Reads_change_nothing_and_a_write_is_refused_as_a_query()
    {
        _t.Ok(OpCode.PushRight, "l", "a");
        var before = _t.Dump();
        _t.Read(OpCode.ListRange, "l", 0L, -1L);
        _t.Read(OpCode.GetTtl, "l");
        Assert.Equal(before, _t.Dump());
        Assert.Throws<ArgumentException>(() => _t.Machine.Read(new TowerCommand(OpCode.PopLeft, "l"u8.ToArray()), _t.Now));
        Assert.Equal(ResultStatus.InvalidArgument, _t.Machine.Read(new TowerCommand(OpCode.GetString, new byte[(64 * 1024) + 1]), _t.Now).Status);
    }

    [Fact]
    public void Malformed_query_bytes_give_invalid_argument()
    {
        var result = ResultCodec.Decode(_t.Machine.Read([CommandCodec.Version, (byte)OpCode.GetString], _t.Now));
        Assert.Equal(ResultStatus.InvalidArgument, result.Status);
        var write = CommandCodec.EncodeWrite(new CommandEnvelope(0, 0, 0, new TowerCommand(OpCode.IncInt, "k"u8.ToArray())));
        Assert.Equal(ResultStatus.InvalidArgument, ResultCodec.Decode(_t.Machine.Read(write, _t.Now)).Status);
    }

    [Fact]
    public void A_read_treats_keys_expiring_at_or_before_the_read_time_as_absent()
    {
        _t.Ok(OpCode.SetString, "k", "v");
        _t.Ok(OpCode.SetTtlFor, "k", TimeSpan.FromSeconds(5));
        var query = CommandCodec.EncodeQuery(new TowerCommand(OpCode.GetString, "k"u8.ToArray()));
        Assert.Equal("v", ResultCodec.Decode(_t.Machine.Read(query, _t.Now + TimeSpan.FromSeconds(5).Ticks - 1)).Value.AsString());
        Assert.True(ResultCodec.Decode(_t.Machine.Read(query, _t.Now + TimeSpan.FromSeconds(5).Ticks)).Value.IsNull);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        using var store = new InMemoryKeyValueStore();
        Assert.Throws<ArgumentException>(() => new TowerStateMachine(store, new StateMachineOptions { BloomFilterBits = 1000 }));
        Assert.Throws<ArgumentException>(() => new TowerStateMachine(store, new StateMachineOptions { SessionTimeout = TimeSpan.Zero }));
    }
}
