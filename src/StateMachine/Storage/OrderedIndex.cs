using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Storage.Internal;

namespace RaftTower.StateMachine.Storage;

/// <summary>
/// An ordered map of byte keys to byte values kept as a B+tree inside an <see cref="IKeyValueStore"/>, so that
/// sorted collections (time series, the TTL expiry index) are replicated, snapshotted and recovered with the rest
/// of the state. Keys order ordinally (<see cref="ByteArrayComparer"/>).
/// </summary>
/// <remarks>
/// <para>
/// Layout under <c>prefix</c>: <c>prefix·00</c> is the tree's meta record (root id, count, next node id),
/// <c>prefix·01·id</c> (8-byte big-endian id) is a node, and <c>prefix·02·key</c> holds the value of
/// <c>key</c>. Values live outside the nodes, so <see cref="TryGet"/> is one store read, replacing a value
/// writes one record, and nodes stay small (split above ~4 KiB or 64 keys; a single 64 KiB key still fits).
/// Inserting a new key or removing one touches O(log n) nodes; <see cref="Range"/> costs O(log n + k).
/// </para>
/// <para>
/// Many trees share one store, one per prefix. The caller must make prefixes prefix-free: no tree's prefix
/// may be a prefix of another tree's prefix or of any other record key of the store (for example, encode a
/// user key as tag + length + key). An instance keeps nothing but its prefix: every state lives in the store,
/// so a tree may be opened anew for each command. Deterministic: the same operations on the same store give
/// the same records. Not thread-safe, like <see cref="IKeyValueStore"/>.
/// </para>
/// </remarks>
public sealed partial class OrderedIndex
{
    /// <summary>The node size above which a node is split (bytes of encoded keys).</summary>
    internal const int DefaultMaxNodeBytes = 4096;

    /// <summary>The key count above which a node is split.</summary>
    internal const int DefaultMaxNodeEntries = 64;

    private const byte MetaTag = 0;
    private const byte NodeTag = 1;
    private const byte ValueTag = 2;
    private const int MetaSize = 24;

    private readonly IKeyValueStore _store;
    private readonly byte[] _metaKey;
    private readonly byte[] _nodeKey;
    private readonly int _maxNodeBytes;
    private readonly int _maxNodeEntries;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private byte[] _valueKey;

    /// <summary>Opens the tree stored under <paramref name="prefix"/> in <paramref name="store"/> (empty when absent).</summary>
    public OrderedIndex(IKeyValueStore store, ReadOnlySpan<byte> prefix)
        : this(store, prefix, DefaultMaxNodeBytes, DefaultMaxNodeEntries)
    {
    }

    /// <summary>Opens a tree with explicit node limits; tests use small nodes to grow deep trees quickly.</summary>
    internal OrderedIndex(IKeyValueStore store, ReadOnlySpan<byte> prefix, int maxNodeBytes, int maxNodeEntries)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodeEntries, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodeBytes, 4 * IndexNode.HeaderSize);
        _store = store;
        _maxNodeBytes = maxNodeBytes;
        _maxNodeEntries = maxNodeEntries;
        _metaKey = [.. prefix, MetaTag];
        _nodeKey = [.. prefix, NodeTag, 0, 0, 0, 0, 0, 0, 0, 0];
        _valueKey = [.. prefix, ValueTag];
    }

    /// <summary>The number of keys in the tree.</summary>
    public long Count => ReadMeta().Count;

    /// <summary>Inserts or replaces the value of <paramref name="key"/>.</summary>
    /// <returns>True when the key was new, false when an existing value was replaced.</returns>
    public bool Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var valueKey = ValueKey(key);
        var existed = _store.ContainsKey(valueKey);
        _store.Put(valueKey, value);
        if (existed)
        {
            return false;
        }

        var meta = ReadMeta();
        meta.Count++;
        if (meta.Root == 0)
        {
            var root = IndexNode.Leaf(meta.NextId++, [key.ToArray()], next: 0);
            meta.Root = root.Id;
            WriteNode(root);
            WriteMeta(meta);
            return true;
        }

        var path = Descend(meta.Root, key);
        var leaf = path[^1].Node;
        leaf.Keys.Insert(LowerBound(leaf.Keys, key), key.ToArray());
        Rebalance(path, meta);
        WriteMeta(meta);
        return true;
    }

    /// <summary>Writes the value of <paramref name="key"/> into <paramref name="value"/>; false when absent.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, IBufferWriter<byte> value) => _store.TryGet(ValueKey(key), value);

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        if (!_store.Delete(ValueKey(key)))
        {
            return false;
        }

        var meta = ReadMeta();
        var path = Descend(meta.Root, key);
        var leaf = path[^1].Node;
        var index = LowerBound(leaf.Keys, key);
        if (index == leaf.Keys.Count || !leaf.Keys[index].AsSpan().SequenceEqual(key))
        {
            throw new InvalidDataException("Ordered index is corrupt: a value record has no key in the tree.");
        }

        leaf.Keys.RemoveAt(index);
        meta.Count--;
        Rebalance(path, meta);
        if (meta.Count == 0)
        {
            // The last key is gone: leave no record behind, so an emptied tree is byte-identical to a new one.
            _store.Delete(NodeKey(meta.Root));
            _store.Delete(_metaKey);
        }
        else
        {
            WriteMeta(meta);
        }

        return true;
    }

    /// <summary>
    /// The entries with <paramref name="fromInclusive"/> ≤ key ≤ <paramref name="toInclusive"/>, in key order
    /// (empty when from &gt; to). Lazy: the tree must not be modified while the result is enumerated.
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> fromInclusive, ReadOnlySpan<byte> toInclusive) =>
        Enumerate(fromInclusive.ToArray(), toInclusive.ToArray());

    /// <summary>Removes every key and every record of the tree (O(n)).</summary>
    public void Clear()
    {
        var meta = ReadMeta();
        if (meta.Root == 0)
        {
            return;
        }

        var pending = new Stack<long>();
        pending.Push(meta.Root);
        while (pending.TryPop(out var id))
        {
            var node = ReadNode(id);
            if (node.IsLeaf)
            {
                foreach (var key in node.Keys)
                {
                    _store.Delete(ValueKey(key));
                }
            }
            else
            {
                foreach (var child in node.Children)
                {
                    pending.Push(child);
                }
            }

            _store.Delete(NodeKey(id));
        }

        _store.Delete(_metaKey);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> Enumerate(byte[] from, byte[] to)
    {
        var meta = ReadMeta();
        if (meta.Root == 0 || from.AsSpan().SequenceCompareTo(to) > 0)
        {
            yield break;
        }

        var node = ReadNode(meta.Root);
        while (!node.IsLeaf)
        {
            node = ReadNode(node.Children[UpperBound(node.Keys, from)]);
        }

        var values = new ArrayBufferWriter<byte>();
        var index = LowerBound(node.Keys, from);
        while (true)
        {
            for (; index < node.Keys.Count; index++)
            {
                var key = node.Keys[index];
                if (key.AsSpan().SequenceCompareTo(to) > 0)
                {
                    yield break;
                }

                values.ResetWrittenCount();
                if (!_store.TryGet(ValueKey(key), values))
                {
                    throw new InvalidDataException("Ordered index is corrupt: a key in the tree has no value record.");
                }

                yield return new KeyValuePair<byte[], byte[]>(key, values.WrittenSpan.ToArray());
            }

            if (node.Next == 0)
            {
                yield break;
            }

            node = ReadNode(node.Next);
            index = 0;
        }
    }

    private List<PathStep> Descend(long root, ReadOnlySpan<byte> key)
    {
        var path = new List<PathStep>();
        var node = ReadNode(root);
        while (!node.IsLeaf)
        {
            var child = UpperBound(node.Keys, key);
            path.Add(new PathStep(node, child));
            node = ReadNode(node.Children[child]);
        }

        path.Add(new PathStep(node, -1));
        return path;
    }

    /// <summary>The first index whose key is ≥ <paramref name="key"/>.</summary>
    private static int LowerBound(List<byte[]> keys, ReadOnlySpan<byte> key)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid].AsSpan().SequenceCompareTo(key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose key is &gt; <paramref name="key"/>: the child to descend into.</summary>
    private static int UpperBound(List<byte[]> keys, ReadOnlySpan<byte> key)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid].AsSpan().SequenceCompareTo(key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private ReadOnlySpan<byte> ValueKey(ReadOnlySpan<byte> key)
    {
        var prefixLength = _metaKey.Length;
        var length = prefixLength + key.Length;
        if (_valueKey.Length < length)
        {
            var grown = new byte[Math.Max(length, 2 * _valueKey.Length)];
            _valueKey.AsSpan(0, prefixLength).CopyTo(grown);
            _valueKey = grown;
        }

        key.CopyTo(_valueKey.AsSpan(prefixLength));
        return _valueKey.AsSpan(0, length);
    }

    private ReadOnlySpan<byte> NodeKey(long id)
    {
        BinaryPrimitives.WriteInt64BigEndian(_nodeKey.AsSpan(_nodeKey.Length - 8), id);
        return _nodeKey;
    }

    private IndexNode ReadNode(long id)
    {
        _buffer.ResetWrittenCount();
        if (!_store.TryGet(NodeKey(id), _buffer))
        {
            throw new InvalidDataException($"Ordered index is corrupt: node {id} is missing.");
        }

        return IndexNode.Decode(id, _buffer.WrittenSpan);
    }

    private void WriteNode(IndexNode node)
    {
        _buffer.ResetWrittenCount();
        node.Encode(_buffer);
        _store.Put(NodeKey(node.Id), _buffer.WrittenSpan);
    }

    private TreeMeta ReadMeta()
    {
        _buffer.ResetWrittenCount();
        if (!_store.TryGet(_metaKey, _buffer))
        {
            return new TreeMeta { NextId = 1 };
        }

        var data = _buffer.WrittenSpan;
        if (data.Length != MetaSize)
        {
            throw new InvalidDataException($"Ordered index is corrupt: meta record has {data.Length} bytes, expected {MetaSize}.");
        }

        return new TreeMeta
        {
            Root = BinaryPrimitives.ReadInt64LittleEndian(data),
            Count = BinaryPrimitives.ReadInt64LittleEndian(data[8..]),
            NextId = BinaryPrimitives.ReadInt64LittleEndian(data[16..]),
        };
    }

    private void WriteMeta(TreeMeta meta)
    {
        Span<byte> data = stackalloc byte[MetaSize];
        BinaryPrimitives.WriteInt64LittleEndian(data, meta.Root);
        BinaryPrimitives.WriteInt64LittleEndian(data[8..], meta.Count);
        BinaryPrimitives.WriteInt64LittleEndian(data[16..], meta.NextId);
        _store.Put(_metaKey, data);
    }

    /// <summary>One inner node on the way down and the child index taken (-1 for the leaf).</summary>
    private readonly record struct PathStep(IndexNode Node, int ChildIndex);

    /// <summary>The tree's meta record, mutated during one operation and written once at its end.</summary>
    private sealed class TreeMeta
    {
        public long Root { get; set; }

        public long Count { get; set; }

        public long NextId { get; set; }
    }
}
