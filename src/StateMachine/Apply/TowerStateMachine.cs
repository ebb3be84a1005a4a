using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

/// <summary>
/// The replicated state machine: applies committed log entries (encoded <see cref="CommandEnvelope"/>s) to an
/// <see cref="IKeyValueStore"/> and answers queries from the same state.
/// </summary>
/// <remarks>
/// <para>Deterministic: <see cref="Apply(long, long, ReadOnlySpan{byte}, IBufferWriter{byte})"/> depends only on the
/// store, the entry's index, its leader-assigned timestamp and its bytes, so every replica that applies the same log
/// holds byte-identical records (Raft §5.3 state machine safety needs nothing less). It never reads a clock or a
/// random source and hashes with <see cref="StableHash"/>.</para>
/// <para>All replicated state — data, TTL index, client sessions and the applied index — is in the store, so a
/// snapshot of the store's live records is a snapshot of the state machine. Construct a new instance over a store
/// after restoring a snapshot into it.</para>
/// <para>Threading: not thread-safe. One apply thread calls every member; queries must be issued on the same
/// thread between entries (the Node's apply loop serves ReadIndex reads once applied ≥ read index).</para>
/// </remarks>
public sealed partial class TowerStateMachine
{
    private readonly IKeyValueStore _store;
    private readonly StateMachineOptions _options;
    private readonly CommandExecutor _executor;
    private readonly ArrayBufferWriter<byte> _result = new(64);
    private readonly ArrayBufferWriter<byte> _read = new(64);

    /// <summary>Opens the state machine over <paramref name="store"/> (empty, or holding a previous state or a restored snapshot).</summary>
    public TowerStateMachine(IKeyValueStore store, StateMachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new StateMachineOptions();
        if (_options.BloomFilterBits <= 0 || _options.BloomFilterBits % 512 != 0)
        {
            throw new ArgumentException("BloomFilterBits must be a positive multiple of 512.", nameof(options));
        }

        if (_options.SessionTimeout <= TimeSpan.Zero || _options.MaxPipelineWindow <= 0)
        {
            throw new ArgumentException("SessionTimeout and MaxPipelineWindow must be positive.", nameof(options));
        }

        _executor = new CommandExecutor(store, _options);
        _read.ResetWrittenCount();
        AppliedIndex = store.TryGet(KeyLayout.AppliedIndexKey, _read) ? BinaryPrimitives.ReadInt64LittleEndian(_read.WrittenSpan) : 0;
    }

    /// <summary>The index of the last applied entry (0 before any); stored with the state, so it is in snapshots.</summary>
    public long AppliedIndex { get; private set; }

    /// <summary>
    /// Applies the committed entry <paramref name="index"/> with timestamp <paramref name="timestampTicks"/> (UTC ticks)
    /// and writes the encoded <see cref="TowerResult"/> to <paramref name="result"/>.
    /// </summary>
    /// <remarks>Entry bytes that do not decode give an InvalidArgument result (the entry still counts as applied: a
    /// log entry must never stop the apply loop). A retried client request returns its recorded result.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not after <see cref="AppliedIndex"/>.</exception>
    public void Apply(long index, long timestampTicks, ReadOnlySpan<byte> command, IBufferWriter<byte> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (index <= AppliedIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Entry {index} is not after the applied index {AppliedIndex}.");
        }

        CommandEnvelope envelope;
        try
        {
            envelope = CommandCodec.DecodeWrite(command, _options.Limits);
        }
        catch (CommandFormatException e)
        {
            envelope = default;
            ResultCodec.Encode(result, TowerResult.Error(ResultStatus.InvalidArgument, e.Message));
        }

        if (envelope.Command is not null)
        {
            ApplyInSession(envelope, timestampTicks, result);
        }

        ExpireIdleSessions(timestampTicks);
        Span<byte> applied = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(applied, index);
        _store.Put(KeyLayout.AppliedIndexKey, applied);
        AppliedIndex = index;
    }

    /// <summary>Applies an entry and returns the encoded result (see <see cref="Apply(long, long, ReadOnlySpan{byte}, IBufferWriter{byte})"/>).</summary>
    public byte[] Apply(long index, long timestampTicks, ReadOnlySpan<byte> command)
    {
        _result.ResetWrittenCount();
        Apply(index, timestampTicks, command, _result);
        return _result.WrittenSpan.ToArray();
    }

    /// <summary>Answers an encoded query as of <paramref name="readTimestampTicks"/> (keys expiring at or before it
    /// are absent) and writes the encoded result. Malformed query bytes give an InvalidArgument result.</summary>
    public void Read(ReadOnlySpan<byte> query, long readTimestampTicks, IBufferWriter<byte> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TowerResult answer;
        try
        {
            answer = Read(CommandCodec.DecodeQuery(query, _options.Limits), readTimestampTicks);
        }
        catch (CommandFormatException e)
        {
            answer = TowerResult.Error(ResultStatus.InvalidArgument, e.Message);
        }

        ResultCodec.Encode(result, answer);
    }

    /// <summary>Answers an encoded query and returns the encoded result.</summary>
    public byte[] Read(ReadOnlySpan<byte> query, long readTimestampTicks)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        Read(query, readTimestampTicks, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Answers a decoded query as of <paramref name="readTimestampTicks"/>; changes nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="query"/> is a write.</exception>
    public TowerResult Read(TowerCommand query, long readTimestampTicks)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (OperationInfo.IsWrite(query.Op))
        {
            throw new ArgumentException($"{query.Op} is a write; writes go through the log.", nameof(query));
        }

        return _executor.Execute(query, readTimestampTicks);
    }

    /// <summary>
    /// Keys whose expiry is ≤ <paramref name="nowTicks"/>, earliest first, at most <paramref name="max"/>, found through
    /// the expiry index (never a scan). The leader proposes them as an <see cref="OpCode.ExpireKeys"/> command.
    /// </summary>
    public IReadOnlyList<ExpiryItem> GetDueExpirations(long nowTicks, int max) => _executor.DueExpirations(nowTicks, max);
}
