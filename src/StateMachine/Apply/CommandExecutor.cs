using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

/// <summary>
/// Executes one command or query against the store. Deterministic: its only inputs are the store, the command and
/// the entry timestamp given as <c>now</c>; it never reads a clock, a random source or a per-process hash.
/// </summary>
/// <remarks>
/// Every write validates before its first store write, so an error leaves the store unchanged. A key whose expiry
/// is ≤ now is absent to every operation; a write to it first removes its old records (lazy, deterministic
/// expiry). Single-threaded: the scratch buffers are reused across calls.
/// </remarks>
internal sealed partial class CommandExecutor
{
    private readonly IKeyValueStore _store;
    private readonly StateMachineOptions _options;
    private readonly ArrayBufferWriter<byte> _record = new(256);
    private readonly ArrayBufferWriter<byte> _element = new(256);
    private readonly ArrayBufferWriter<byte> _encode = new(256);
    private readonly byte[] _keyScratch;
    private byte[] _elementKeyScratch = new byte[256];
    private long _now;

    public CommandExecutor(IKeyValueStore store, StateMachineOptions options)
    {
        _store = store;
        _options = options;
        _keyScratch = new byte[options.Limits.MaxKeyBytes + 16];
    }

    /// <summary>Runs <paramref name="command"/> (a write or a query) at log time <paramref name="now"/> (UTC ticks).</summary>
    public TowerResult Execute(TowerCommand command, long now)
    {
        _now = now;
        return Dispatch(command);
    }

    private CodecLimits Limits => _options.Limits;

    /// <summary>The payload of the key record last read by <see cref="ReadKey"/> (valid until the next key read).</summary>
    private ReadOnlySpan<byte> Payload => _record.WrittenSpan[KeyLayout.KeyHeaderSize..];

    private KeyInfo ReadKey(ReadOnlySpan<byte> userKey)
    {
        _record.ResetWrittenCount();
        var length = KeyLayout.WriteUserKey(_keyScratch, userKey);
        if (!_store.TryGet(_keyScratch.AsSpan(0, length), _record))
        {
            return default;
        }

        var bytes = _record.WrittenSpan;
        var type = (TowerType)bytes[0];
        var expiry = BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]);
        var header = KeyInfo.IsCollection(type) ? CollectionHeader.Read(bytes[KeyLayout.KeyHeaderSize..]) : default;
        var state = expiry != 0 && expiry <= _now ? KeyState.Expired : KeyState.Live;
        return new KeyInfo(state, type, expiry, header);
    }

    /// <summary>Starts a key record in the encode buffer; the payload is written after it, then <see cref="CommitKey"/>.</summary>
    private ArrayBufferWriter<byte> BeginKeyRecord()
    {
        _encode.ResetWrittenCount();
        _encode.GetSpan(KeyLayout.KeyHeaderSize)[..KeyLayout.KeyHeaderSize].Clear();
        _encode.Advance(KeyLayout.KeyHeaderSize);
        return _encode;
    }

    private void CommitKey(ReadOnlySpan<byte> userKey, TowerType type, long expiry)
    {
        // ArrayBufferWriter exposes its written span read-only; patch the header through the array it wraps.
        var record = System.Runtime.InteropServices.MemoryMarshal.AsMemory(_encode.WrittenMemory).Span;
        record[0] = (byte)type;
        BinaryPrimitives.WriteInt64LittleEndian(record[1..], expiry);
        var length = KeyLayout.WriteUserKey(_keyScratch, userKey);
        _store.Put(_keyScratch.AsSpan(0, length), record);
    }

    private void WriteCollection(ReadOnlySpan<byte> userKey, TowerType type, long expiry, in CollectionHeader header)
    {
        var writer = BeginKeyRecord();
        header.Write(writer.GetSpan(CollectionHeader.Size));
        writer.Advance(CollectionHeader.Size);
        CommitKey(userKey, type, expiry);
    }

    private void DeleteKeyRecord(ReadOnlySpan<byte> userKey)
    {
        var length = KeyLayout.WriteUserKey(_keyScratch, userKey);
        _store.Delete(_keyScratch.AsSpan(0, length));
    }

    private ReadOnlySpan<byte> ElementKey(long collectionId, ElementTag tag, scoped ReadOnlySpan<byte> suffix)
    {
        if (_elementKeyScratch.Length < suffix.Length + 10)
        {
            _elementKeyScratch = new byte[suffix.Length + 64];
        }

        var length = KeyLayout.WriteElementKey(_elementKeyScratch, collectionId, tag, suffix);
        return _elementKeyScratch.AsSpan(0, length);
    }

    /// <summary>Reads an element record into <see cref="_element"/>; false when absent.</summary>
    private bool ReadElement(ReadOnlySpan<byte> elementKey)
    {
        _element.ResetWrittenCount();
        return _store.TryGet(elementKey, _element);
    }

    private long NextCollectionId()
    {
        _element.ResetWrittenCount();
        var id = _store.TryGet(KeyLayout.NextCollectionIdKey, _element) ? BinaryPrimitives.ReadInt64LittleEndian(_element.WrittenSpan) : 1;
        Span<byte> next = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(next, id + 1);
        _store.Put(KeyLayout.NextCollectionIdKey, next);
        return id;
    }

    private static TowerResult WrongType(TowerType actual, TowerType expected) =>
        TowerResult.Error(ResultStatus.WrongType, $"the key holds a {actual}, not a {expected}");

    private static TowerResult Invalid(string message) => TowerResult.Error(ResultStatus.InvalidArgument, message);

    private static TowerResult Ok(TowerValue value) => TowerResult.Ok(value);
}
