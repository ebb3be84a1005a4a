using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Storage;

public sealed class OrderedIndexTests
{
    private static readonly byte[] Prefix = "T1"u8.ToArray();

    private enum OpKind
    {
        Put,
        Remove,
        Range,
    }

    private sealed record Op(OpKind Kind, byte[] Key, byte[] Other, int ValueLength)
    {
        public override string ToString() => $"{Kind} {Convert.ToHexString(Key[..Math.Min(Key.Length, 8)])}/{Key.Length} {Other.Length} {ValueLength}";
    }

    // Short keys over a 4-letter alphabet collide often and share prefixes; long keys extend short ones
    // (a key that is a prefix of another) and are larger than a whole node of the small-node trees below.
    private static readonly Gen<byte[]> ShortKey =
        Gen.Choose(0, 6).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 3).Select(b => (byte)b), length));

    private static readonly Gen<byte[]> LongKey =
        from head in ShortKey
        from length in Gen.Choose(100, 1500)
        from fill in Gen.Choose(0, 3)
        select head.Concat(Enumerable.Repeat((byte)fill, length)).ToArray();

    private static readonly Gen<byte[]> AnyKey = Gen.Frequency((9, ShortKey), (1, LongKey));

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (5, from key in AnyKey from length in Gen.Choose(0, 24) select new Op(OpKind.Put, key, [], length)),
        (4, from key in AnyKey select new Op(OpKind.Remove, key, [], 0)),
        (1, from low in ShortKey from high in AnyKey select new Op(OpKind.Range, low, high, 0)));

    [Fact]
    public void Random_operations_match_a_sorted_dictionary_and_keep_the_tree_valid()
    {
        var ops = Gen.Choose(0, 400).SelectMany(n => Gen.ListOf(OpGen, n)).ToArbitrary();
        Prop.ForAll(ops, list => RunAgainstModel(list, maxNodeBytes: 200, maxNodeEntries: 4))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Random_operations_match_a_sorted_dictionary_with_default_node_sizes()
    {
        var ops = Gen.Choose(0, 600).SelectMany(n => Gen.ListOf(OpGen, n)).ToArbitrary();
        Prop.ForAll(ops, list => RunAgainstModel(list, OrderedIndex.DefaultMaxNodeBytes, OrderedIndex.DefaultMaxNodeEntries))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Many_inserts_then_many_deletes_merge_nodes_down_to_an_empty_store()
    {
        var store = new InMemoryKeyValueStore();
        var index = new OrderedIndex(store, Prefix);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var random = new Random(12345);
        for (var i = 0; i < 20_000; i++)
        {
            var key = new byte[random.Next(1, 24)];
            random.NextBytes(key);
            var value = BitConverter.GetBytes(i);
            Assert.Equal(!model.ContainsKey(key), index.Put(key, value));
            model[key] = value;
        }

        index.Validate();
        var keys = model.Keys.OrderBy(_ => random.Next()).ToList();
        foreach (var key in keys.Take(keys.Count * 19 / 20))
        {
            Assert.True(index.Remove(key));
            model.Remove(key);
        }

        index.Validate();
        Assert.Equal(model.Count, index.Count);
        Assert.Equal(model.ToList(), index.Range([], Max).ToList());
        foreach (var key in model.Keys.ToList())
        {
            Assert.True(index.Remove(key));
        }

        Assert.Equal(0, index.Count);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Keys_of_64_KiB_sharing_long_prefixes_are_stored_and_ordered()
    {
        var store = new InMemoryKeyValueStore();
        var index = new OrderedIndex(store, Prefix);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var i = 0; i < 60; i++)
        {
            // Keys differ only in their last two bytes, so any separator between them is 64 KiB long.
            var key = Enumerable.Repeat((byte)'k', 65_536).ToArray();
            key[^2] = (byte)(i * 7 % 60);
            key[^1] = (byte)i;
            model[key] = [(byte)i];
            Assert.True(index.Put(key, [(byte)i]));
            index.Validate();
        }

        Assert.Equal(model.ToList(), index.Range([], Max).ToList());
        var some = model.Keys.Where((_, i) => i % 3 == 0).ToList();
        foreach (var key in some)
        {
            Assert.True(index.Remove(key));
            model.Remove(key);
        }

        index.Validate();
        Assert.Equal(model.ToList(), index.Range([], Max).ToList());
    }

    [Fact]
    public void Put_reports_new_keys_and_replaces_values()
    {
        var index = new OrderedIndex(new InMemoryKeyValueStore(), Prefix);
        Assert.True(index.Put("a"u8, "1"u8));
        Assert.False(index.Put("a"u8, "22"u8));
        Assert.Equal(1, index.Count);
        var buffer = new ArrayBufferWriter<byte>();
        Assert.True(index.TryGet("a"u8, buffer));
        Assert.Equal("22"u8.ToArray(), buffer.WrittenSpan.ToArray());
        Assert.False(index.TryGet("b"u8, new ArrayBufferWriter<byte>()));
        Assert.False(index.Remove("b"u8));
        Assert.True(index.Remove("a"u8));
        Assert.False(index.Remove("a"u8));
    }

    [Fact]
    public void Range_with_from_above_to_is_empty_and_bounds_are_inclusive()
    {
        var index = new OrderedIndex(new InMemoryKeyValueStore(), Prefix, 200, 4);
        for (byte b = 0; b < 100; b++)
        {
            index.Put([b], [b]);
        }

        Assert.Empty(index.Range([50], [49]));
        Assert.Equal(Enumerable.Range(10, 11).Select(i => (byte)i), index.Range([10], [20]).Select(e => e.Key[0]));
        Assert.Equal([(byte)99], index.Range([99], [99, 0]).Select(e => e.Key[0]));
    }

    [Fact]
    public void Clear_removes_every_record_of_the_tree()
    {
        var store = new InMemoryKeyValueStore();
        var index = new OrderedIndex(store, Prefix, 200, 4);
        for (var i = 0; i < 500; i++)
        {
            index.Put(BitConverter.GetBytes(i * 7919), [1, 2, 3]);
        }

        index.Clear();
        Assert.Equal(0, index.Count);
        Assert.Equal(0, store.Count);
        Assert.Empty(index.Range([], Max));
        Assert.True(index.Put("again"u8, []));
        index.Validate();
    }

    [Fact]
    public void Two_trees_in_one_store_do_not_interfere()
    {
        var store = new InMemoryKeyValueStore();
        var first = new OrderedIndex(store, "A"u8, 200, 4);
        var second = new OrderedIndex(store, "B"u8, 200, 4);
        for (var i = 0; i < 300; i++)
        {
            first.Put(BitConverter.GetBytes(i), "first"u8);
            second.Put(BitConverter.GetBytes(i), "second"u8);
        }

        for (var i = 0; i < 300; i += 2)
        {
            Assert.True(first.Remove(BitConverter.GetBytes(i)));
        }

        Assert.Equal(150, first.Count);
        Assert.Equal(300, second.Count);
        Assert.All(second.Range([], Max), e => Assert.Equal("second"u8.ToArray(), e.Value));
        first.Clear();
        second.Validate();
        Assert.Equal(300, new OrderedIndex(store, "B"u8).Range([], Max).Count());
        Assert.All(store.EnumerateOrdered(), r => Assert.Equal((byte)'B', r.Key[0]));
    }

    [Fact]
    public void Same_operations_give_byte_identical_stores()
    {
        var ops = Gen.ListOf(OpGen, 300).Sample(1, 1).Single();
        var a = new InMemoryKeyValueStore();
        var b = new InMemoryKeyValueStore();
        Apply(new OrderedIndex(a, Prefix, 200, 4), ops);
        Apply(new OrderedIndex(b, Prefix, 200, 4), ops);
        Assert.Equal(a.EnumerateOrdered(), b.EnumerateOrdered(), RecordComparer.Instance);

        static void Apply(OrderedIndex index, IEnumerable<Op> ops)
        {
            foreach (var op in ops.Where(o => o.Kind != OpKind.Range))
            {
                _ = op.Kind == OpKind.Put ? index.Put(op.Key, [(byte)op.ValueLength]) : index.Remove(op.Key);
            }
        }
    }

    private static readonly byte[] Max = Enumerable.Repeat((byte)0xFF, 70_000).ToArray();

    private static bool RunAgainstModel(IEnumerable<Op> ops, int maxNodeBytes, int maxNodeEntries)
    {
        var store = new InMemoryKeyValueStore();
        var index = new OrderedIndex(store, Prefix, maxNodeBytes, maxNodeEntries);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var step = 0;
        foreach (var op in ops)
        {
            step++;
            switch (op.Kind)
            {
                case OpKind.Put:
                    var value = Enumerable.Repeat((byte)step, op.ValueLength).ToArray();
                    Assert.Equal(!model.ContainsKey(op.Key), index.Put(op.Key, value));
                    model[op.Key] = value;
                    break;
                case OpKind.Remove:
                    Assert.Equal(model.Remove(op.Key), index.Remove(op.Key));
                    break;
                default:
                    var expected = model.Where(e => Compare(e.Key, op.Key) >= 0 && Compare(e.Key, op.Other) <= 0);
                    Assert.Equal(expected, index.Range(op.Key, op.Other), RecordComparer.Instance);
                    break;
            }

            index.Validate();
        }

        Assert.Equal(model.Count, index.Count);
        Assert.Equal(model, index.Range([], Max), RecordComparer.Instance);
        foreach (var (key, value) in model)
        {
            var buffer = new ArrayBufferWriter<byte>();
            Assert.True(index.TryGet(key, buffer));
            Assert.Equal(value, buffer.WrittenSpan.ToArray());
        }

        foreach (var key in model.Keys.ToList())
        {
            Assert.True(index.Remove(key));
        }

        index.Validate();
        Assert.Equal(0, store.Count);
        return true;
    }

    private static int Compare(byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y);
}
