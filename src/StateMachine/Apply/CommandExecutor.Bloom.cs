using System.Buffers.Binary;
using System.Text;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// A bloom filter's bitmap is split into 64-byte chunk records created on first use, so Add and Contains touch at
// most hashSlots small records. Bit positions come from a stable hash (double hashing over FNV-1a/SplitMix64),
// never from the per-process randomized HashCode. BloomFilterCount counts the adds that set at least one new bit
// (an approximation of the distinct items added); Clear and Delete are O(bits / 512).
internal sealed partial class CommandExecutor
{
    private const int ChunkBytes = 64;
    private const int ChunkBits = ChunkBytes * 8;
    private const int DefaultHashSlots = 3;
    private const int MaxHashSlots = 32;

    private TowerResult ExecuteBloom(TowerCommand c)
    {
        if (c.Op == OpCode.CreateBloomFilter)
        {
            var slots = c.A.AsInt() == 0 ? DefaultHashSlots : c.A.AsInt();
            return slots is < 1 or > MaxHashSlots
                ? Invalid($"hash slots {c.A.AsInt()} outside 1..{MaxHashSlots} (0 = default {DefaultHashSlots})")
                : Create(c, TowerType.BloomFilter, slots, _options.BloomFilterBits);
        }

        if (Lifecycle(c, TowerType.BloomFilter, OpCode.CreateBloomFilter, OpCode.DeleteBloomFilter, OpCode.BloomFilterClear, out var info) is { } done)
        {
            return done;
        }

        switch (c.Op)
        {
            case OpCode.BloomFilterCount:
                return Ok(info.IsLive ? info.Collection.C : 0);
            case OpCode.BloomFilterContains:
                return Ok(info.IsLive && BloomBits(info.Collection, c.A.AsString(), set: false));
            default:
                var h = OpenOrCreate(c.Key, ref info, DefaultHashSlots, _options.BloomFilterBits);
                var added = BloomBits(h, c.A.AsString(), set: true);
                if (added || !info.IsLive)
                {
                    SaveHeader(c.Key, info, TowerType.BloomFilter, added ? h with { C = h.C + 1 } : h);
                }

                return Ok(added);
        }
    }

    /// <summary>With <paramref name="set"/>: sets the item's bits and says whether any was new. Without: whether all are set.</summary>
    private bool BloomBits(in CollectionHeader h, string item, bool set)
    {
        var (first, second) = StableHash.Pair(Encoding.UTF8.GetBytes(item));
        var bits = (ulong)h.B;
        var changed = false;
        Span<byte> chunk = stackalloc byte[ChunkBytes];
        Span<byte> index = stackalloc byte[4];
        for (var i = 0UL; i < (ulong)h.A; i++)
        {
            var position = (first + (i * second)) % bits;
            var chunkIndex = (int)(position / ChunkBits);
            var bit = (int)(position % ChunkBits);
            BinaryPrimitives.WriteInt32BigEndian(index, chunkIndex);
            var key = ElementKey(h.Id, ElementTag.BloomChunk, index);
            chunk.Clear();
            if (ReadElement(key))
            {
                _element.WrittenSpan.CopyTo(chunk);
            }

            var mask = (byte)(1 << (bit & 7));
            if ((chunk[bit >> 3] & mask) != 0)
            {
                continue;
            }

            if (!set)
            {
                return false;
            }

            chunk[bit >> 3] |= mask;
            _store.Put(key, chunk);
            changed = true;
        }

        return set ? changed : true;
    }

    private void ClearBloom(in CollectionHeader h)
    {
        Span<byte> index = stackalloc byte[4];
        for (var chunk = 0; chunk < h.B / ChunkBits; chunk++)
        {
            BinaryPrimitives.WriteInt32BigEndian(index, chunk);
            _store.Delete(ElementKey(h.Id, ElementTag.BloomChunk, index));
        }
    }
}
