using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Snapshots;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Faster;

/// <summary>
/// <see cref="FasterKeyValueStore.Freeze"/>: a snapshot written from a frozen view holds exactly the records at the
/// freeze, however the store changes while it is written — which is what lets the node apply during the file step.
/// </summary>
public sealed class FrozenRecordsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_snapshot_of_a_frozen_view_is_the_state_at_the_freeze_while_every_key_changes_between_its_blocks()
    {
        // 1 MiB of memory for ~12 MiB of values: most versions at the freeze are on disk by the time they are read.
        using var store = new FasterKeyValueStore(Options(memoryBytes: 1 << 20));
        var model = Fill(store, keys: 3000, seed: 11);
        store.Checkpoint();
        var expected = SnapshotOf(model);

        var random = new Random(12);
        var changes = 0;
        var actual = new MemoryStream();
        var paced = 0;
        using (var view = store.Freeze())
        {
            Assert.Equal(model.Count, view.Count);
            view.Pace = () => paced++;

            // Between blocks (the progress callback, on this thread), every key is overwritten with a value of
            // another length, a tenth deleted and new keys added — before most of them have been read.
            StoreSnapshot.Write(view, actual, _ =>
            {
                foreach (var key in model.Keys.OrderBy(_ => random.Next()).Take(400).ToList())
                {
                    DeleteOrOverwrite(store, model, key, random, deleteOneIn: 10, maxValueLength: 9000);
                    changes++;
                }

                Put(store, model, RandomBytes(random, random.Next(9, 40)), RandomBytes(random, 100));
            });
        }

        Assert.True(changes >= 3000, $"only {changes} changes were made while the snapshot was written");
        Assert.True(paced >= 3, $"the view's pace was called {paced} times"); // ≥ 3 batches of reads
        Assert.Equal(expected, actual.ToArray());

        // The store itself has every change, and is free to checkpoint again once the view is gone.
        Assert.Equal(model.Count, store.Count);
        Assert.Equal(model.ToList(), store.EnumerateOrdered().ToList());
        store.Checkpoint();
    }

    [Fact]
    public async Task A_frozen_view_written_on_another_thread_while_this_one_applies_is_the_state_at_the_freeze()
    {
        using var store = new FasterKeyValueStore(Options(memoryBytes: 1 << 20));
        var model = Fill(store, keys: 2000, seed: 21);
        store.Checkpoint();
        var expected = SnapshotOf(model);

        var actual = new MemoryStream();
        var random = new Random(22);
        using (var view = store.Freeze())
        {
            var writer = Task.Run(() => StoreSnapshot.Write(view, actual));
            var keys = model.Keys.ToArray();
            for (var i = 0; i < 200_000 && !writer.IsCompleted; i++)
            {
                var key = keys[random.Next(keys.Length)];
                if (i % 7 == 0)
                {
                    store.Delete(key);
                }
                else
                {
                    store.Put(key, RandomBytes(random, random.Next(0, 3000)));
                }
            }

            await writer.WaitAsync(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(expected, actual.ToArray());
    }

    [Fact]
    public void While_a_view_is_open_the_store_refuses_to_checkpoint_or_clear_and_a_view_is_enumerated_once()
    {
        using var store = new FasterKeyValueStore(Options(memoryBytes: 4 << 20));
        var count = Fill(store, keys: 50, seed: 31).Count;
        var view = store.Freeze();
        var checkpoint = Assert.Throws<InvalidOperationException>(store.Checkpoint);
        Assert.Contains("frozen view", checkpoint.Message);
        Assert.Throws<InvalidOperationException>(store.Clear);
        Assert.Equal(count, store.Count); // nothing was cleared

        Assert.Equal(count, view.EnumerateOrdered().Count());
        Assert.Throws<InvalidOperationException>(() => view.EnumerateOrdered());
        view.Dispose();
        view.Dispose();

        store.Checkpoint();
        store.Clear();
        Assert.Equal(0, store.Count);
    }

    private static SortedDictionary<byte[], byte[]> Fill(FasterKeyValueStore store, int keys, int seed)
    {
        var random = new Random(seed);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var i = 0; i < keys; i++)
        {
            Put(store, model, RandomBytes(random, random.Next(9, 40)), RandomBytes(random, random.Next(0, 8000)));
        }

        // A second version of some keys and a few deletions, so the log holds older versions and tombstones.
        foreach (var key in model.Keys.Where((_, i) => i % 5 == 0).ToList())
        {
            DeleteOrOverwrite(store, model, key, random, deleteOneIn: 4, maxValueLength: 8000);
        }

        return model;
    }

    /// <summary>Deletes <paramref name="key"/> one time in <paramref name="deleteOneIn"/>, else gives it a new random value; the model follows.</summary>
    private static void DeleteOrOverwrite(FasterKeyValueStore store, SortedDictionary<byte[], byte[]> model, byte[] key, Random random, int deleteOneIn, int maxValueLength)
    {
        if (random.Next(deleteOneIn) == 0)
        {
            store.Delete(key);
            model.Remove(key);
        }
        else
        {
            Put(store, model, key, RandomBytes(random, random.Next(0, maxValueLength)));
        }
    }

    private static void Put(FasterKeyValueStore store, SortedDictionary<byte[], byte[]> model, byte[] key, byte[] value)
    {
        store.Put(key, value);
        model[key] = value;
    }

    private static byte[] SnapshotOf(SortedDictionary<byte[], byte[]> model)
    {
        using var reference = new InMemoryKeyValueStore();
        foreach (var (key, value) in model)
        {
            reference.Put(key, value);
        }

        var stream = new MemoryStream();
        StoreSnapshot.Write(reference, stream);
        return stream.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private FasterStoreOptions Options(long memoryBytes) => new()
    {
        DataDirectory = _directory.Path,
        PageSizeBits = 16,
        MemoryBudgetBytes = memoryBytes,
        SegmentSizeBits = 22,
        IndexBuckets = 1 << 12,
    };
}
