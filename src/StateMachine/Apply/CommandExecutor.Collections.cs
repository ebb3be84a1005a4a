using System.Buffers;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// What every collection shares: its key record holds a CollectionHeader; mutators of a missing (or expired) key
// create the collection (SPEC §4) with a fresh id, and the header is written once, after the elements.
internal sealed partial class CommandExecutor
{
    private readonly ArrayBufferWriter<byte> _elementValue = new(64);

    /// <summary>Reads <paramref name="key"/>; a live key of another type gives an error, else null.</summary>
    private TowerResult? Find(byte[] key, TowerType type, out KeyInfo info)
    {
        info = ReadKey(key);
        return info.IsLive && info.Type != type ? WrongType(info.Type, type) : null;
    }

    /// <summary>Runs the operations every collection shares (create, delete, clear); otherwise finds the key and
    /// returns null, or a WrongType error for a key of another type.</summary>
    private TowerResult? Lifecycle(TowerCommand c, TowerType type, OpCode create, OpCode delete, OpCode? clear, out KeyInfo info)
    {
        info = default;
        if (c.Op == create)
        {
            return Create(c, type);
        }

        if (c.Op == delete)
        {
            return Delete(c, type);
        }

        return c.Op == clear ? Clear(c, type) : Find(c.Key, type, out info);
    }

    /// <summary>The live collection's header, or a new one (old records of an expired key removed, nothing written yet).</summary>
    private CollectionHeader OpenOrCreate(byte[] key, ref KeyInfo info, long a = 0, long b = 0, long c = 0)
    {
        if (info.IsLive)
        {
            return info.Collection;
        }

        if (info.State == KeyState.Expired)
        {
            Purge(key, info);
        }

        info = default;
        return new CollectionHeader(NextCollectionId(), a, b, c);
    }

    private void SaveHeader(byte[] key, in KeyInfo info, TowerType type, in CollectionHeader header) =>
        WriteCollection(key, type, info.IsLive ? info.Expiry : 0, header);

    private TowerResult Create(TowerCommand c, TowerType type, long a = 0, long b = 0, long cc = 0)
    {
        if (Find(c.Key, type, out var info) is { } error)
        {
            return error;
        }

        if (info.IsLive)
        {
            return Ok(false);
        }

        SaveHeader(c.Key, info, type, OpenOrCreate(c.Key, ref info, a, b, cc));
        return Ok(true);
    }

    /// <summary>Empties a collection but keeps it (ClearMap, ClearSet, BloomFilterClear); result: whether it existed.</summary>
    private TowerResult Clear(TowerCommand c, TowerType type)
    {
        if (Find(c.Key, type, out var info) is { } error)
        {
            return error;
        }

        if (!info.IsLive)
        {
            return Ok(false);
        }

        ClearElements(type, info.Collection);
        var header = type == TowerType.BloomFilter ? info.Collection with { C = 0 } : info.Collection with { A = 0 };
        SaveHeader(c.Key, info, type, header);
        return Ok(true);
    }

    private ReadOnlySpan<byte> EncodeElement(TowerValue value)
    {
        _elementValue.ResetWrittenCount();
        TowerValueCodec.Write(_elementValue, value);
        return _elementValue.WrittenSpan;
    }

    private static TowerValue DecodeElement(ReadOnlySpan<byte> bytes) => TowerValueCodec.FromBytes(bytes, StoredLimits);
}
