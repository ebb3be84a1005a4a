using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// A list is a header (head, tail) plus one record per element keyed by its position, so push, pop, index and set
// touch O(1) records; ListRange reads only the requested positions; ListTrim and deletion are O(removed).
// Negative indices count from the end; ListRange/ListTrim clamp like Redis LRANGE/LTRIM; an emptied list stays.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteList(TowerCommand c)
    {
        if (Lifecycle(c, TowerType.List, OpCode.CreateList, OpCode.DeleteList, null, out var info) is { } done)
        {
            return done;
        }

        var h = info.Collection;
        var length = info.IsLive ? h.B - h.A : 0;
        switch (c.Op)
        {
            case OpCode.ListExists:
                return Ok(info.IsLive);
            case OpCode.ListLength:
                return Ok(length);
            case OpCode.PushLeft or OpCode.PushRight:
                h = OpenOrCreate(c.Key, ref info);
                var left = c.Op == OpCode.PushLeft;
                var position = left ? h.A - 1 : h.B;
                _store.Put(ListItemKey(h.Id, position), EncodeElement(c.A));
                h = left ? h with { A = position } : h with { B = position + 1 };
                SaveHeader(c.Key, info, TowerType.List, h);
                return Ok(h.B - h.A);
            case OpCode.PopLeft or OpCode.PopRight:
                if (length == 0)
                {
                    return Ok(TowerValue.Null);
                }

                var popLeft = c.Op == OpCode.PopLeft;
                var at = popLeft ? h.A : h.B - 1;
                var popped = ReadListItem(h.Id, at);
                _store.Delete(ListItemKey(h.Id, at));
                SaveHeader(c.Key, info, TowerType.List, popLeft ? h with { A = at + 1 } : h with { B = at });
                return Ok(popped);
            case OpCode.ListIndex:
                var index = Normalize(c.A.AsInt(), length);
                return Ok(index >= 0 && index < length ? ReadListItem(h.Id, h.A + index) : TowerValue.Null);
            case OpCode.ListRange:
                var (start, stop) = Clamp(c.A.AsInt(), c.B.AsInt(), length);
                var items = new List<TowerValue>((int)Math.Min(Math.Max(stop - start + 1, 0), 1024));
                for (var i = start; i <= stop; i++)
                {
                    items.Add(ReadListItem(h.Id, h.A + i));
                }

                return TowerResult.OfItems(items);
            case OpCode.ListSet:
                if (!info.IsLive)
                {
                    return TowerResult.Error(ResultStatus.NotFound, "no such list");
                }

                var target = Normalize(c.A.AsInt(), length);
                if (target < 0 || target >= length)
                {
                    return TowerResult.Error(ResultStatus.OutOfRange, $"index {c.A.AsInt()} is outside a list of length {length}");
                }

                _store.Put(ListItemKey(h.Id, h.A + target), EncodeElement(c.B));
                return Ok(c.B);
            default:
                return Trim(c, info, length);
        }
    }

    private TowerResult Trim(TowerCommand c, in KeyInfo info, long length)
    {
        if (!info.IsLive)
        {
            return Ok(0L);
        }

        var h = info.Collection;
        var (start, stop) = Clamp(c.A.AsInt(), c.B.AsInt(), length);
        if (start > stop)
        {
            (start, stop) = (length, length - 1);
        }

        for (var i = 0L; i < start; i++)
        {
            _store.Delete(ListItemKey(h.Id, h.A + i));
        }

        for (var i = stop + 1; i < length; i++)
        {
            _store.Delete(ListItemKey(h.Id, h.A + i));
        }

        var trimmed = h with { A = h.A + start, B = h.A + stop + 1 };
        SaveHeader(c.Key, info, TowerType.List, trimmed);
        return Ok(trimmed.B - trimmed.A);
    }

    private void ClearList(in CollectionHeader h)
    {
        for (var position = h.A; position < h.B; position++)
        {
            _store.Delete(ListItemKey(h.Id, position));
        }
    }

    private TowerValue ReadListItem(long id, long position) =>
        ReadElement(ListItemKey(id, position)) ? DecodeElement(_element.WrittenSpan) : TowerValue.Null;

    private ReadOnlySpan<byte> ListItemKey(long id, long position)
    {
        Span<byte> suffix = stackalloc byte[8];
        KeyLayout.WriteOrderedInt64(suffix, position);
        return ElementKey(id, ElementTag.ListItem, suffix);
    }

    private static long Normalize(long index, long length) => index < 0 ? index + length : index;

    /// <summary>Redis LRANGE bounds: negatives from the end, start clamped to 0, stop to length - 1.</summary>
    private static (long Start, long Stop) Clamp(long start, long stop, long length)
    {
        start = Math.Max(Normalize(start, length), 0);
        stop = Math.Min(Normalize(stop, length), length - 1);
        return (start, stop);
    }
}
