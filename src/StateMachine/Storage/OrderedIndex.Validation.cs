using RaftTower.StateMachine.Storage.Internal;

namespace RaftTower.StateMachine.Storage;

/// <summary>A full structural check of the tree, for tests and diagnostics.</summary>
public sealed partial class OrderedIndex
{
    /// <summary>
    /// Walks the whole tree and checks the B+tree invariants: keys strictly ordered and within their parent's
    /// separators, every leaf at the same depth, the leaf chain in key order, no node over its split limit,
    /// a value record per key and the stored count. Throws <see cref="InvalidDataException"/> naming the first
    /// violation. O(n).
    /// </summary>
    internal void Validate()
    {
        var meta = ReadMeta();
        if (meta.Root == 0)
        {
            Check(meta.Count == 0, "an empty tree has a count");
            return;
        }

        var leaves = new List<IndexNode>();
        var leafDepth = -1;
        var keys = 0L;
        var pending = new Stack<(long Id, byte[]? Low, byte[]? High, int Depth)>();
        pending.Push((meta.Root, null, null, 0));
        while (pending.TryPop(out var item))
        {
            var node = ReadNode(item.Id);
            Check(!Overflows(node), $"node {node.Id} is over its split limit");
            for (var i = 0; i < node.Keys.Count; i++)
            {
                var key = node.Keys[i];
                Check(i == 0 || Compare(node.Keys[i - 1], key) < 0, $"node {node.Id} keys are not strictly ordered");
                Check(item.Low is null || Compare(item.Low, key) <= 0, $"node {node.Id} has a key below its range");
                Check(item.High is null || Compare(key, item.High) < 0, $"node {node.Id} has a key above its range");
            }

            if (node.IsLeaf)
            {
                Check(leafDepth < 0 || leafDepth == item.Depth, "leaves are at different depths");
                Check(node.Keys.Count > 0 || item.Depth == 0, $"non-root leaf {node.Id} is empty");
                leafDepth = item.Depth;
                keys += node.Keys.Count;
                leaves.Add(node);
                continue;
            }

            Check(node.Children.Count == node.Keys.Count + 1, $"inner node {node.Id} has a wrong child count");
            Check(node.Keys.Count > 0, $"inner node {node.Id} has a single child");
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                var low = i == 0 ? item.Low : node.Keys[i - 1];
                var high = i == node.Keys.Count ? item.High : node.Keys[i];
                pending.Push((node.Children[i], low, high, item.Depth + 1));
            }
        }

        Check(keys == meta.Count, $"the tree holds {keys} keys but its count is {meta.Count}");
        for (var i = 0; i < leaves.Count; i++)
        {
            Check(leaves[i].Next == (i + 1 < leaves.Count ? leaves[i + 1].Id : 0), $"leaf {leaves[i].Id} links to the wrong next leaf");
            foreach (var key in leaves[i].Keys)
            {
                Check(_store.ContainsKey(ValueKey(key)), "a key has no value record");
            }
        }
    }

    private static int Compare(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);

    private static void Check(bool condition, string violation)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Ordered index invariant violated: {violation}.");
        }
    }
}
