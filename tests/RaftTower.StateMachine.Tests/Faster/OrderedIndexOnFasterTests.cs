using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Storage;
using RaftTower.StateMachine.Tests.Storage;

namespace RaftTower.StateMachine.Tests.Faster;

public sealed class OrderedIndexOnFasterTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_tree_mostly_on_disk_matches_a_sorted_dictionary_and_survives_recovery()
    {
        var options = new FasterStoreOptions
        {
            DataDirectory = _directory.Path,
            PageSizeBits = 16,
            MemoryBudgetBytes = 256 << 10,
            SegmentSizeBits = 22,
            IndexBuckets = 1 << 12,
        };
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var random = new Random(3);
        using (var store = new FasterKeyValueStore(options))
        {
            var index = new OrderedIndex(store, "ts"u8);
            for (var step = 0; step < 6000; step++)
            {
                var key = BitConverter.GetBytes((long)random.Next(2500));
                Array.Reverse(key); // big endian: byte order is numeric order
                if (random.Next(4) == 0)
                {
                    Assert.Equal(model.Remove(key), index.Remove(key));
                }
                else
                {
                    var value = new byte[random.Next(0, 300)];
                    random.NextBytes(value);
                    Assert.Equal(!model.ContainsKey(key), index.Put(key, value));
                    model[key] = value;
                }
            }

            index.Validate();
            Assert.True(store.LogBytes > 4 * options.MemoryBudgetBytes, $"log {store.LogBytes} B");
            store.Checkpoint();
        }

        using var reopened = new FasterKeyValueStore(options);
        var recovered = new OrderedIndex(reopened, "ts"u8);
        recovered.Validate();
        Assert.Equal(model.Count, recovered.Count);
        Assert.Equal(model, recovered.Range([], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), RecordComparer.Instance);
        var from = model.Keys.ElementAt(model.Count / 3);
        var to = model.Keys.ElementAt(model.Count / 2);
        Assert.Equal(
            model.Where(e => e.Key.AsSpan().SequenceCompareTo(from) >= 0 && e.Key.AsSpan().SequenceCompareTo(to) <= 0),
            recovered.Range(from, to),
            RecordComparer.Instance);
    }
}
