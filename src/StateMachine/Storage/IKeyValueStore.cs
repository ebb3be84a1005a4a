using System.Buffers;

namespace RaftTower.StateMachine.Storage;

/// <summary>
/// The byte-keyed store every piece of replicated state lives in: user data, collection elements,
/// the TTL index, client sessions and the applied index, each under its own reserved key prefix.
/// A snapshot is therefore exactly the set of live records of this store.
/// </summary>
/// <remarks>
/// Single-threaded: the apply loop is the only caller, one call at a time; its records
/// (<see cref="IOrderedRecords"/>) are enumerated only while no command is being applied. Reads issued between
/// commands by the same thread are allowed. Implementations: <c>Faster/FasterKeyValueStore</c>
/// (production, may spill to disk) and <see cref="InMemoryKeyValueStore"/> (tests, reference model).
/// Keys are 1..65,600 bytes (a user key of up to 64 KiB plus a small prefix); values 0..16 MiB plus a header.
/// </remarks>
public interface IKeyValueStore : IOrderedRecords, IDisposable
{
    /// <summary>Reads the value of <paramref name="key"/> into <paramref name="value"/>; false when absent.</summary>
    bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value);

    /// <summary>True when <paramref name="key"/> has a value.</summary>
    bool ContainsKey(ReadOnlySpan<byte> key);

    /// <summary>Inserts or replaces the value of <paramref name="key"/>.</summary>
    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    bool Delete(ReadOnlySpan<byte> key);

    /// <summary>Removes every record (used before restoring a snapshot into this store).</summary>
    void Clear();
}
