using System.Buffers;
using System.Buffers.Binary;

namespace RaftTower.StateMachine.Storage.Internal;

/// <summary>
/// One decoded node of an <see cref="OrderedIndex"/> B+tree. A leaf holds keys in ordinal order and the id of the
/// next leaf (0 = last); an inner node holds n separator keys and n + 1 child ids, child i covering the keys
/// <c>keys[i-1] ≤ k &lt; keys[i]</c>.
/// </summary>
/// <remarks>
/// Encoding (little endian): kind byte (0 leaf, 1 inner), varint key count, then for a leaf the next-leaf id
/// (8 bytes) and for an inner node the n + 1 child ids (8 bytes each), then every key as varint length + bytes.
/// </remarks>
internal sealed class IndexNode
{
    /// <summary>An upper bound of the encoded size of the fixed part: kind, count, first id.</summary>
    public const int HeaderSize = 1 + 5 + 8;

    private const byte LeafKind = 0;
    private const byte InnerKind = 1;

    private IndexNode(long id, bool isLeaf, List<byte[]> keys, List<long> children, long next)
    {
        Id = id;
        IsLeaf = isLeaf;
        Keys = keys;
        Children = children;
        Next = next;
    }

    /// <summary>The node's record id inside its tree (≥ 1).</summary>
    public long Id { get; set; }

    /// <summary>True for a leaf.</summary>
    public bool IsLeaf { get; }

    /// <summary>Leaf: the keys. Inner: the separators.</summary>
    public List<byte[]> Keys { get; }

    /// <summary>Inner: the child ids (one more than <see cref="Keys"/>). Empty for a leaf.</summary>
    public List<long> Children { get; }

    /// <summary>Leaf: the id of the next leaf in key order, 0 for the last leaf.</summary>
    public long Next { get; set; }

    /// <summary>An upper bound of <see cref="Encode"/>'s output length.</summary>
    public int Size
    {
        get
        {
            var size = HeaderSize + (IsLeaf ? 0 : 8 * (Children.Count - 1));
            foreach (var key in Keys)
            {
                size += Varint.Size(key.Length) + key.Length;
            }

            return size;
        }
    }

    /// <summary>A new leaf.</summary>
    public static IndexNode Leaf(long id, List<byte[]> keys, long next) => new(id, isLeaf: true, keys, [], next);

    /// <summary>A new inner node.</summary>
    public static IndexNode Inner(long id, List<byte[]> keys, List<long> children) => new(id, isLeaf: false, keys, children, 0);

    /// <summary>The encoded size of one key entry (and of its right child for an inner node).</summary>
    public int EntrySize(int index) => Varint.Size(Keys[index].Length) + Keys[index].Length + (IsLeaf ? 0 : 8);

    /// <summary>Writes the node's record bytes.</summary>
    public void Encode(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(Size);
        var pos = 0;
        span[pos++] = IsLeaf ? LeafKind : InnerKind;
        pos += Varint.Write(span[pos..], Keys.Count);
        if (IsLeaf)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[pos..], Next);
            pos += 8;
        }
        else
        {
            foreach (var child in Children)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[pos..], child);
                pos += 8;
            }
        }

        foreach (var key in Keys)
        {
            pos += Varint.Write(span[pos..], key.Length);
            key.CopyTo(span[pos..]);
            pos += key.Length;
        }

        output.Advance(pos);
    }

    /// <summary>Reads a node record; a malformed record means the store was corrupted outside this index.</summary>
    public static IndexNode Decode(long id, ReadOnlySpan<byte> data)
    {
        try
        {
            var pos = 0;
            var kind = data[pos++];
            if (kind is not (LeafKind or InnerKind))
            {
                throw Corrupt(id, $"unknown node kind {kind}");
            }

            if (!Varint.TryRead(data, ref pos, out var count))
            {
                throw Corrupt(id, "bad key count");
            }

            var isLeaf = kind == LeafKind;
            var next = 0L;
            var children = new List<long>(isLeaf ? 0 : count + 1);
            if (isLeaf)
            {
                next = BinaryPrimitives.ReadInt64LittleEndian(data[pos..]);
                pos += 8;
            }
            else
            {
                for (var i = 0; i <= count; i++)
                {
                    children.Add(BinaryPrimitives.ReadInt64LittleEndian(data[pos..]));
                    pos += 8;
                }
            }

            var keys = new List<byte[]>(count + 1);
            for (var i = 0; i < count; i++)
            {
                if (!Varint.TryRead(data, ref pos, out var length))
                {
                    throw Corrupt(id, "bad key length");
                }

                keys.Add(data.Slice(pos, length).ToArray());
                pos += length;
            }

            if (pos != data.Length)
            {
                throw Corrupt(id, $"{data.Length - pos} trailing bytes");
            }

            return new IndexNode(id, isLeaf, keys, children, next);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Corrupt(id, "record is truncated");
        }
        catch (IndexOutOfRangeException)
        {
            throw Corrupt(id, "record is truncated");
        }
    }

    private static InvalidDataException Corrupt(long id, string why) =>
        new($"Ordered index node {id} is corrupt ({why}); the store was modified outside the index.");
}
