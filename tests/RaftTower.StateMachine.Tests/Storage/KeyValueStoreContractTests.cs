using System.Buffers;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Storage;

/// <summary>The behaviour every <see cref="IKeyValueStore"/> must have; one subclass per implementation.</summary>
public abstract class KeyValueStoreContractTests : IDisposable
{
    private readonly Lazy<IKeyValueStore> _store;

    protected KeyValueStoreContractTests() => _store = new Lazy<IKeyValueStore>(CreateStore);

    protected IKeyValueStore Store => _store.Value;

    [Fact]
    public void Put_then_get_returns_the_value()
    {
        Store.Put("k"u8, "value"u8);
        Assert.Equal("value"u8.ToArray(), Get("k"u8));
        Assert.True(Store.ContainsKey("k"u8));
        Assert.False(Store.ContainsKey("other"u8));
        Assert.Null(Get("other"u8));
    }

    [Fact]
    public void Overwrites_grow_and_shrink_values()
    {
        Store.Put("k"u8, "12"u8);
        Store.Put("k"u8, Fill(5000, 3));
        Assert.Equal(Fill(5000, 3), Get("k"u8));
        Store.Put("k"u8, "1"u8);
        Assert.Equal("1"u8.ToArray(), Get("k"u8));
        Store.Put("k"u8, Fill(300, 9));
        Assert.Equal(Fill(300, 9), Get("k"u8));
        Assert.Equal(1, Store.Count);
    }

    [Fact]
    public void Delete_removes_a_key_and_reports_whether_it_existed()
    {
        Store.Put("a"u8, "1"u8);
        Store.Put("b"u8, "2"u8);
        Assert.True(Store.Delete("a"u8));
        Assert.False(Store.Delete("a"u8));
        Assert.False(Store.Delete("never"u8));
        Assert.False(Store.ContainsKey("a"u8));
        Assert.Equal(1, Store.Count);
        Store.Put("a"u8, "3"u8);
        Assert.Equal("3"u8.ToArray(), Get("a"u8));
        Assert.Equal(2, Store.Count);
    }

    [Fact]
    public void Empty_values_are_stored_and_distinct_from_absence()
    {
        Store.Put("empty"u8, []);
        Assert.True(Store.ContainsKey("empty"u8));
        Assert.Equal(Array.Empty<byte>(), Get("empty"u8));
        Store.Put("empty"u8, "x"u8);
        Store.Put("empty"u8, []);
        Assert.Equal(Array.Empty<byte>(), Get("empty"u8));
        Assert.Equal([KeyValuePair.Create("empty"u8.ToArray(), Array.Empty<byte>())], Store.EnumerateOrdered(), RecordComparer.Instance);
    }

    [Fact]
    public void Keys_of_64_KiB_round_trip()
    {
        var a = Fill(65_536, 1);
        var b = Fill(65_536, 1);
        b[^1] = 0xFF; // above a's last byte, so b sorts after a
        Store.Put(a, "a"u8);
        Store.Put(b, "b"u8);
        Assert.Equal("a"u8.ToArray(), Get(a));
        Assert.Equal("b"u8.ToArray(), Get(b));
        Assert.Equal([a, b], Store.EnumerateOrdered().Select(r => r.Key));
    }

    [Fact]
    public void Values_of_16_MiB_round_trip()
    {
        var big = Fill((16 << 20) + 64, 7);
        Store.Put("big"u8, big);
        Store.Put("small"u8, "s"u8);
        Assert.Equal(big, Get("big"u8));
        Store.Put("big"u8, "shrunk"u8);
        Assert.Equal("shrunk"u8.ToArray(), Get("big"u8));
    }

    [Fact]
    public void Enumeration_is_ordered_by_key_bytes_with_shorter_prefixes_first()
    {
        byte[][] keys = [[0x62], [0x61, 0x00], [0x61], [0xFF], [0x61, 0x62, 0x63], [0x00], [0x61, 0x62]];
        foreach (var key in keys)
        {
            Store.Put(key, key);
        }

        Store.Put([0x61, 0x62], "replaced"u8);
        Store.Delete([0xFF]);
        var expected = new[] { new byte[] { 0x00 }, [0x61], [0x61, 0x00], [0x61, 0x62], [0x61, 0x62, 0x63], [0x62] };
        var records = Store.EnumerateOrdered().ToList();
        Assert.Equal(expected, records.Select(r => r.Key));
        Assert.Equal("replaced"u8.ToArray(), records[3].Value);
        Assert.Equal(records.Count, Store.Count);
    }

    [Fact]
    public void Clear_removes_every_record()
    {
        for (var i = 0; i < 100; i++)
        {
            Store.Put(BitConverter.GetBytes(i), Fill(i, (byte)i));
        }

        Store.Clear();
        Assert.Equal(0, Store.Count);
        Assert.Empty(Store.EnumerateOrdered());
        Assert.False(Store.ContainsKey(BitConverter.GetBytes(5)));
        Store.Put("after"u8, "1"u8);
        Assert.Equal(1, Store.Count);
    }

    [Fact]
    public void Random_operations_match_a_dictionary()
    {
        var random = new Random(42);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var step = 0; step < 3000; step++)
        {
            var key = BitConverter.GetBytes(random.Next(300))[..random.Next(1, 4)];
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(key), Store.Delete(key));
            }
            else
            {
                var value = Fill(random.Next(0, 200), (byte)step);
                Store.Put(key, value);
                model[key] = value;
            }
        }

        Assert.Equal(model.Count, Store.Count);
        Assert.Equal(model, Store.EnumerateOrdered(), RecordComparer.Instance);
    }

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }

        DisposeResources();
        GC.SuppressFinalize(this);
    }

    protected abstract IKeyValueStore CreateStore();

    protected virtual void DisposeResources()
    {
    }

    protected static byte[] Fill(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(seed + (i * 31));
        }

        return bytes;
    }

    protected byte[]? Get(ReadOnlySpan<byte> key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return Store.TryGet(key, buffer) ? buffer.WrittenSpan.ToArray() : null;
    }
}
