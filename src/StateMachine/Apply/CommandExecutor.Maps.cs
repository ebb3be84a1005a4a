using System.Buffers.Binary;
using System.Text;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// Maps and sets share one layout: field → (slot, value) and slot → field, slots dense in 0..count-1. Field ops are
// O(1) (a removal moves the last slot into the hole); Keys/Values/Members walk the slots (O(size)), in slot order,
// which is deterministic. Map fields are tagged values (42L and "42" differ); set members are UTF-8 strings.
// A field or member is stored inside a store key, so it is limited to MaxKeyBytes.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteMap(TowerCommand c)
    {
        if (Lifecycle(c, TowerType.Map, OpCode.CreateMap, OpCode.DeleteMap, OpCode.ClearMap, out var info) is { } done)
        {
            return done;
        }

        return c.Op switch
        {
            OpCode.MapExists => Ok(info.IsLive),
            OpCode.MapLength => Ok(info.IsLive ? info.Collection.A : 0),
            OpCode.MapSet => AddField(c.Key, info, TowerType.Map, TowerValueFieldBytes(c.A), EncodeElement(c.B)),
            OpCode.MapGet => Ok(HasField(info, TowerValueFieldBytes(c.A))
                ? DecodeElement(_element.WrittenSpan[8..])
                : TowerValue.Null),
            OpCode.MapKeys => TowerResult.OfItems(ReadFields(info, values: false)),
            OpCode.MapValues => TowerResult.OfItems(ReadFields(info, values: true)),
            _ => RemoveField(c.Key, info, TowerType.Map, TowerValueFieldBytes(c.A)),
        };
    }

    private TowerResult ExecuteSet(TowerCommand c)
    {
        if (Lifecycle(c, TowerType.Set, OpCode.CreateSet, OpCode.DeleteSet, OpCode.ClearSet, out var info) is { } done)
        {
            return done;
        }

        return c.Op switch
        {
            OpCode.SetExists => Ok(info.IsLive),
            OpCode.SetCardinality => Ok(info.IsLive ? info.Collection.A : 0),
            OpCode.SetAdd => AddField(c.Key, info, TowerType.Set, Encoding.UTF8.GetBytes(c.A.AsString()), []),
            OpCode.SetRemove => RemoveField(c.Key, info, TowerType.Set, Encoding.UTF8.GetBytes(c.A.AsString())),
            OpCode.SetIsMember => Ok(HasField(info, Encoding.UTF8.GetBytes(c.A.AsString()))),
            _ => TowerResult.OfItems(ReadFields(info, values: false)),
        };
    }

    /// <summary>Adds or replaces a field; result: the size after.</summary>
    private TowerResult AddField(byte[] key, KeyInfo info, TowerType type, byte[] field, ReadOnlySpan<byte> value)
    {
        if (field.Length > Limits.MaxKeyBytes)
        {
            return Invalid($"a field of {field.Length} bytes is over the key limit of {Limits.MaxKeyBytes}");
        }

        var h = OpenOrCreate(key, ref info);
        var existing = info.IsLive && ReadElement(FieldKey(h.Id, field));
        var slot = existing ? BinaryPrimitives.ReadInt64LittleEndian(_element.WrittenSpan) : h.A;
        PutField(h.Id, field, slot, value);
        if (!existing)
        {
            _store.Put(SlotKey(h.Id, slot), field);
            h = h with { A = h.A + 1 };
            SaveHeader(key, info, type, h);
        }

        return Ok(h.A);
    }

    /// <summary>Removes a field by moving the last slot into its place; result: the size after.</summary>
    private TowerResult RemoveField(byte[] key, in KeyInfo info, TowerType type, byte[] field)
    {
        if (!HasField(info, field))
        {
            return Ok(info.IsLive ? info.Collection.A : 0);
        }

        var h = info.Collection;
        var slot = BinaryPrimitives.ReadInt64LittleEndian(_element.WrittenSpan);
        var last = h.A - 1;
        if (slot != last)
        {
            ReadElement(SlotKey(h.Id, last));
            var lastField = _element.WrittenSpan.ToArray();
            _store.Put(SlotKey(h.Id, slot), lastField);
            ReadElement(FieldKey(h.Id, lastField));
            var lastValue = _element.WrittenSpan[8..].ToArray();
            PutField(h.Id, lastField, slot, lastValue);
        }

        _store.Delete(SlotKey(h.Id, last));
        _store.Delete(FieldKey(h.Id, field));
        h = h with { A = last };
        SaveHeader(key, info, type, h);
        return Ok(h.A);
    }

    /// <summary>Reads the field's record into <see cref="_element"/>; false when absent (a field over the key limit
    /// cannot have been added, and must not reach the store as an over-long key).</summary>
    private bool HasField(in KeyInfo info, byte[] field) =>
        info.IsLive && field.Length <= Limits.MaxKeyBytes && ReadElement(FieldKey(info.Collection.Id, field));

    private List<TowerValue> ReadFields(in KeyInfo info, bool values)
    {
        var items = new List<TowerValue>();
        if (!info.IsLive)
        {
            return items;
        }

        var h = info.Collection;
        for (var slot = 0L; slot < h.A; slot++)
        {
            ReadElement(SlotKey(h.Id, slot));
            if (info.Type == TowerType.Set)
            {
                items.Add(Encoding.UTF8.GetString(_element.WrittenSpan));
            }
            else if (!values)
            {
                items.Add(DecodeElement(_element.WrittenSpan));
            }
            else
            {
                var field = _element.WrittenSpan.ToArray();
                ReadElement(FieldKey(h.Id, field));
                items.Add(DecodeElement(_element.WrittenSpan[8..]));
            }
        }

        return items;
    }

    private void ClearSlots(in CollectionHeader h)
    {
        for (var slot = 0L; slot < h.A; slot++)
        {
            if (ReadElement(SlotKey(h.Id, slot)))
            {
                _store.Delete(FieldKey(h.Id, _element.WrittenSpan));
                _store.Delete(SlotKey(h.Id, slot));
            }
        }
    }

    private void PutField(long id, ReadOnlySpan<byte> field, long slot, ReadOnlySpan<byte> value)
    {
        var record = new byte[8 + value.Length];
        BinaryPrimitives.WriteInt64LittleEndian(record, slot);
        value.CopyTo(record.AsSpan(8));
        _store.Put(FieldKey(id, field), record);
    }

    private byte[] TowerValueFieldBytes(TowerValue field) => EncodeElement(field).ToArray();

    private ReadOnlySpan<byte> FieldKey(long id, ReadOnlySpan<byte> field) => ElementKey(id, ElementTag.Field, field);

    private ReadOnlySpan<byte> SlotKey(long id, long slot)
    {
        Span<byte> suffix = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(suffix, slot);
        return ElementKey(id, ElementTag.Slot, suffix);
    }
}
