using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

internal sealed partial class CommandExecutor
{
    private byte[] _ttlKeyScratch = new byte[256];

    private TowerResult Delete(TowerCommand command, TowerType? only)
    {
        var info = ReadKey(command.Key);
        if (only is { } type && info.IsLive && info.Type != type)
        {
            return WrongType(info.Type, type);
        }

        if (info.State != KeyState.Absent)
        {
            Purge(command.Key, info);
        }

        return Ok(info.IsLive);
    }

    private TowerResult Exists(TowerCommand command, TowerType? only)
    {
        var info = ReadKey(command.Key);
        return Ok(info.IsLive && (only is null || info.Type == only));
    }

    private TowerResult TypeOf(TowerCommand command)
    {
        var info = ReadKey(command.Key);
        return Ok(info.IsLive ? TowerValue.FromInt((long)info.Type) : TowerValue.Null);
    }

    private TowerResult SetTtl(TowerCommand command, long expiry)
    {
        var info = ReadKey(command.Key);
        if (!info.IsLive)
        {
            return Ok(false);
        }

        if (expiry <= _now)
        {
            // An expiry already reached: the key is gone now, as it would be a tick later.
            Purge(command.Key, info);
            return Ok(true);
        }

        ReplaceExpiry(command.Key, info, expiry);
        return Ok(true);
    }

    private TowerResult SetTtlFor(TowerCommand command)
    {
        var ttl = command.A.AsDurationTicks();
        if (ttl > DateTime.MaxValue.Ticks - _now)
        {
            return TowerResult.Error(ResultStatus.OutOfRange, "the expiry is after the largest timestamp");
        }

        return SetTtl(command, _now + ttl);
    }

    private TowerResult RemoveTtl(TowerCommand command)
    {
        var info = ReadKey(command.Key);
        if (!info.IsLive || info.Expiry == 0)
        {
            return Ok(false);
        }

        ReplaceExpiry(command.Key, info, 0);
        return Ok(true);
    }

    private TowerResult GetTtl(TowerCommand command)
    {
        var info = ReadKey(command.Key);
        return Ok(info.IsLive && info.Expiry != 0 ? TowerValue.FromDurationTicks(info.Expiry - _now) : TowerValue.Null);
    }

    /// <summary>The leader's batch: deletes each key whose expiry is still the one it was found due at.</summary>
    private TowerResult ExpireKeys(TowerCommand command)
    {
        long deleted = 0;
        foreach (var item in command.Expirations ?? [])
        {
            var info = ReadKey(item.Key);
            if (info.State != KeyState.Absent && info.Expiry == item.ExpiryTicks && item.ExpiryTicks <= _now)
            {
                Purge(item.Key, info);
                deleted++;
            }
        }

        return Ok(deleted);
    }

    /// <summary>Keys whose expiry is ≤ <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<ExpiryItem> DueExpirations(long now, int max)
    {
        var due = new List<ExpiryItem>();
        if (max <= 0 || now == long.MaxValue)
        {
            return due;
        }

        Span<byte> to = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(to, now + 1);
        foreach (var entry in new OrderedIndex(_store, KeyLayout.TtlIndexPrefix).Range([], to))
        {
            var expiry = BinaryPrimitives.ReadInt64BigEndian(entry.Key);
            if (expiry > now || due.Count == max)
            {
                break;
            }

            due.Add(new ExpiryItem(entry.Key[8..], expiry));
        }

        return due;
    }

    /// <summary>Rewrites the key record (just read into <see cref="_record"/>) with a new expiry and moves its TTL index entry.</summary>
    private void ReplaceExpiry(ReadOnlySpan<byte> key, in KeyInfo info, long expiry)
    {
        var ttl = new OrderedIndex(_store, KeyLayout.TtlIndexPrefix);
        if (info.Expiry != 0)
        {
            ttl.Remove(TtlIndexKey(info.Expiry, key));
        }

        if (expiry != 0)
        {
            ttl.Put(TtlIndexKey(expiry, key), []);
        }

        _encode.ResetWrittenCount();
        _encode.Write(_record.WrittenSpan);
        CommitKey(key, info.Type, expiry);
    }

    /// <summary>Removes every record of a key: its elements (O(size) for collections), its TTL entry, its key record.</summary>
    private void Purge(ReadOnlySpan<byte> key, in KeyInfo info)
    {
        if (KeyInfo.IsCollection(info.Type))
        {
            ClearElements(info.Type, info.Collection);
        }

        if (info.Expiry != 0)
        {
            new OrderedIndex(_store, KeyLayout.TtlIndexPrefix).Remove(TtlIndexKey(info.Expiry, key));
        }

        DeleteKeyRecord(key);
    }

    private void ClearElements(TowerType type, in CollectionHeader header)
    {
        switch (type)
        {
            case TowerType.List:
                ClearList(header);
                break;
            case TowerType.Map:
            case TowerType.Set:
                ClearSlots(header);
                break;
            case TowerType.TimeSeries:
                OpenSeries(header.Id).Clear();
                break;
            case TowerType.BloomFilter:
                ClearBloom(header);
                break;
        }
    }

    private ReadOnlySpan<byte> TtlIndexKey(long expiry, ReadOnlySpan<byte> key)
    {
        if (_ttlKeyScratch.Length < key.Length + 8)
        {
            _ttlKeyScratch = new byte[key.Length + 64];
        }

        BinaryPrimitives.WriteInt64BigEndian(_ttlKeyScratch, expiry);
        key.CopyTo(_ttlKeyScratch.AsSpan(8));
        return _ttlKeyScratch.AsSpan(0, key.Length + 8);
    }
}
