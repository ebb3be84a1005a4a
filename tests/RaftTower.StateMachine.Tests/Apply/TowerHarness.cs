using System.Text;
using RaftTower.StateMachine.Apply;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Apply;

/// <summary>A state machine over an in-memory store, driven through the real codec, with a controllable log clock.</summary>
internal sealed class TowerHarness
{
    public static readonly long Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public TowerHarness(StateMachineOptions? options = null, IKeyValueStore? store = null)
    {
        Store = store ?? new InMemoryKeyValueStore();
        Options = options ?? new StateMachineOptions();
        Machine = new TowerStateMachine(Store, Options);
    }

    public IKeyValueStore Store { get; }

    public StateMachineOptions Options { get; }

    public TowerStateMachine Machine { get; }

    public long Now { get; set; } = Start;

    public long Index { get; private set; }

    public static byte[] Key(string key) => Encoding.UTF8.GetBytes(key);

    public TowerResult Write(OpCode op, string key, TowerValue a = default, TowerValue b = default) =>
        Write(new TowerCommand(op, Key(key), a, b));

    public TowerResult Write(TowerCommand command, ulong client = 0, ulong sequence = 0, ulong watermark = 0) =>
        ResultCodec.Decode(ApplyBytes(CommandCodec.EncodeWrite(new CommandEnvelope(client, sequence, watermark, command))));

    public byte[] ApplyBytes(byte[] entry) => Machine.Apply(++Index, Now, entry);

    public TowerResult Read(OpCode op, string key, TowerValue a = default, TowerValue b = default) =>
        ResultCodec.Decode(Machine.Read(CommandCodec.EncodeQuery(new TowerCommand(op, Key(key), a, b)), Now));

    /// <summary>Writes and asserts success; returns the value.</summary>
    public TowerValue Ok(OpCode op, string key, TowerValue a = default, TowerValue b = default)
    {
        var result = OperationInfo.IsWrite(op) ? Write(op, key, a, b) : Read(op, key, a, b);
        Assert.True(result.IsOk, $"{op} failed: {result.Status} {result.Message}");
        return result.Value;
    }

    /// <summary>Writes, asserts the error status and that the replicated data did not change.</summary>
    public void Fails(ResultStatus expected, OpCode op, string key, TowerValue a = default, TowerValue b = default)
    {
        var before = DataDump();
        var result = Write(op, key, a, b);
        Assert.Equal(expected, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Message));
        Assert.Equal(before, DataDump());
    }

    /// <summary>Every record, ordered, as hex lines.</summary>
    public string Dump() => string.Join('\n', Store.EnumerateOrdered().Select(r => Convert.ToHexString(r.Key) + "=" + Convert.ToHexString(r.Value)));

    /// <summary>Every record except the applied index (which every entry advances).</summary>
    public string DataDump() => string.Join('\n', Store.EnumerateOrdered()
        .Where(r => !(r.Key.Length == 2 && r.Key[0] == 0 && r.Key[1] == 1))
        .Select(r => Convert.ToHexString(r.Key) + "=" + Convert.ToHexString(r.Value)));
}
