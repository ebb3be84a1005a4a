using RaftTower.StateMachine.Storage.Internal;

namespace RaftTower.StateMachine.Storage;

/// <summary>Keeping the B+tree balanced: splitting overfull nodes and merging or redistributing underfull ones.</summary>
public sealed partial class OrderedIndex
{
    /// <summary>
    /// Restores the node-size invariants bottom-up after the leaf at the end of <paramref name="path"/> changed,
    /// writing every node it touches. A level whose parent is left unchanged ends the walk, so an operation
    /// writes O(height) nodes.
    /// </summary>
    private void Rebalance(List<PathStep> path, TreeMeta meta)
    {
        for (var level = path.Count - 1; level > 0; level--)
        {
            var node = path[level].Node;
            var parent = path[level - 1].Node;
            var index = path[level - 1].ChildIndex;
            if (Overflows(node))
            {
                Replace(parent, index, [node], Combine([node], parent, index), meta);
            }
            else if (Underfull(node) && parent.Children.Count > 1)
            {
                // Merge with a sibling under the same parent (keeping the leaf chain contiguous), or share
                // the pair's keys evenly when both do not fit in one node.
                var first = index > 0 ? index - 1 : index;
                var left = first == index ? node : ReadNode(parent.Children[first]);
                var right = first == index ? ReadNode(parent.Children[first + 1]) : node;
                Replace(parent, first, [left, right], Combine([left, right], parent, first), meta);
            }
            else
            {
                WriteNode(node);
                return;
            }
        }

        FixRoot(path[0].Node, meta);
    }

    private void FixRoot(IndexNode root, TreeMeta meta)
    {
        while (Overflows(root))
        {
            var grown = IndexNode.Inner(meta.NextId++, [], [root.Id]);
            Replace(grown, 0, [root], root, meta);
            meta.Root = grown.Id;
            root = grown;
        }

        while (!root.IsLeaf && root.Keys.Count == 0)
        {
            // A root with a single child adds a level for nothing: the child becomes the root.
            _store.Delete(NodeKey(root.Id));
            meta.Root = root.Children[0];
            root = ReadNode(meta.Root);
        }

        WriteNode(root);
    }

    /// <summary>
    /// Replaces the adjacent children <paramref name="old"/> of <paramref name="parent"/> (starting at child
    /// <paramref name="start"/>) by the nodes that <paramref name="combined"/> partitions into, reusing the old ids
    /// first, and writes them. <paramref name="parent"/> is changed but not written.
    /// </summary>
    private void Replace(IndexNode parent, int start, IndexNode[] old, IndexNode combined, TreeMeta meta)
    {
        var groups = new List<IndexNode>();
        var separators = new List<byte[]>();
        Partition(combined, groups, separators);
        for (var i = 0; i < groups.Count; i++)
        {
            groups[i].Id = i < old.Length ? old[i].Id : meta.NextId++;
        }

        for (var i = groups.Count; i < old.Length; i++)
        {
            _store.Delete(NodeKey(old[i].Id));
        }

        if (combined.IsLeaf)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                groups[i].Next = i + 1 < groups.Count ? groups[i + 1].Id : combined.Next;
            }
        }

        foreach (var group in groups)
        {
            WriteNode(group);
        }

        parent.Children.RemoveRange(start, old.Length);
        parent.Children.InsertRange(start, groups.Select(g => g.Id));
        parent.Keys.RemoveRange(start, old.Length - 1);
        parent.Keys.InsertRange(start, separators);
    }

    /// <summary>One node holding the entries of adjacent siblings and, for inner nodes, the separators between them.</summary>
    private static IndexNode Combine(IndexNode[] siblings, IndexNode parent, int start)
    {
        if (siblings.Length == 1)
        {
            return siblings[0];
        }

        var (left, right) = (siblings[0], siblings[1]);
        if (left.IsLeaf)
        {
            return IndexNode.Leaf(0, [.. left.Keys, .. right.Keys], right.Next);
        }

        return IndexNode.Inner(0, [.. left.Keys, parent.Keys[start], .. right.Keys], [.. left.Children, .. right.Children]);
    }

    /// <summary>Splits <paramref name="node"/> at balanced points until every part fits, in key order.</summary>
    private void Partition(IndexNode node, List<IndexNode> groups, List<byte[]> separators)
    {
        if (!Overflows(node))
        {
            groups.Add(node);
            return;
        }

        var cut = BalancedCut(node);
        var keys = node.Keys;
        IndexNode left, right;
        byte[] separator;
        if (node.IsLeaf)
        {
            left = IndexNode.Leaf(0, keys[..cut], 0);
            right = IndexNode.Leaf(0, keys[cut..], node.Next);
            separator = ShortestSeparator(keys[cut - 1], keys[cut]);
        }
        else
        {
            // keys[cut] moves up: the left part keeps children 0..cut, the right part the rest.
            left = IndexNode.Inner(0, keys[..cut], node.Children[..(cut + 1)]);
            right = IndexNode.Inner(0, keys[(cut + 1)..], node.Children[(cut + 1)..]);
            separator = keys[cut];
        }

        Partition(left, groups, separators);
        separators.Add(separator);
        Partition(right, groups, separators);
    }

    /// <summary>
    /// The cut that minimises the fuller part's load, where load is the larger of the byte and the entry fill
    /// ratios (compared as integers, so the choice is exact and deterministic).
    /// </summary>
    private int BalancedCut(IndexNode node)
    {
        var count = node.Keys.Count;
        var total = node.Size - IndexNode.HeaderSize;
        var inner = node.IsLeaf ? 0 : 1; // an inner cut promotes one key, which neither part keeps
        int best = 1, bytesBefore = 0;
        var bestLoad = long.MaxValue;
        for (var cut = 1; cut <= count - 1 - inner; cut++)
        {
            bytesBefore += node.EntrySize(cut - 1);
            var rightBytes = total - bytesBefore - (inner * node.EntrySize(cut));
            var load = Math.Max(Load(bytesBefore, cut), Load(rightBytes, count - cut - inner));
            if (load < bestLoad)
            {
                (best, bestLoad) = (cut, load);
            }
        }

        return best;
    }

    private long Load(int bytes, int entries) =>
        Math.Max((long)(bytes + IndexNode.HeaderSize) * _maxNodeEntries, (long)entries * _maxNodeBytes);

    private bool Overflows(IndexNode node) =>
        (node.Keys.Count > _maxNodeEntries || node.Size > _maxNodeBytes) && node.Keys.Count >= (node.IsLeaf ? 2 : 3);

    private bool Underfull(IndexNode node) =>
        node.Keys.Count * 4 < _maxNodeEntries && node.Size * 4 < _maxNodeBytes;

    /// <summary>
    /// The shortest key s with <paramref name="left"/> &lt; s ≤ <paramref name="right"/>: a prefix of
    /// <paramref name="right"/>, so separators above large keys stay short (suffix truncation).
    /// </summary>
    private static byte[] ShortestSeparator(byte[] left, byte[] right)
    {
        var common = left.AsSpan().CommonPrefixLength(right);
        return right[..Math.Min(common + 1, right.Length)];
    }
}
