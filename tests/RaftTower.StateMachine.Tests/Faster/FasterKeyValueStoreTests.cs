using System.Buffers;
using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Storage;
using RaftTower.StateMachine.Tests.Storage;

namespace RaftTower.StateMachine.Tests.Faster;

public sealed class FasterKeyValueStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Data_far_larger_than_the_memory_budget_reads_back_and_enumerates()
    {
        // 1 MiB of log in memory for ~24 MiB of values: almost every read is served from disk.
        var options = SmallOptions();
        options.MemoryBudgetBytes = 1 << 20;
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var random = new Random(7);
        using (var store = new FasterKeyValueStore(options))
        {
            for (var i = 0; i < 3000; i++)
            {
                var key = new byte[random.Next(9, 40)];
                random.NextBytes(key);
                var value = new byte[random.Next(1, 16_000)];
                random.NextBytes(value);
                store.Put(key, value);
                model[key] = value;
            }

            Assert.True(model.Values.Sum(v => (long)v.Length) >= 20 * options.MemoryBudgetBytes);

            // Overwrite and delete keys whose records are long on disk.
            foreach (var key in model.Keys.Where((_, i) => i % 10 == 0).ToList())
            {
                Assert.True(store.Delete(key));
                model.Remove(key);
            }

            foreach (var key in model.Keys.Where((_, i) => i % 7 == 0).ToList())
            {
                model[key] = [.. key, 1, 2, 3];
                store.Put(key, model[key]);
            }

            var buffer = new ArrayBufferWriter<byte>();
            foreach (var (key, value) in model)
            {
                buffer.ResetWrittenCount();
                Assert.True(store.TryGet(key, buffer));
                Assert.True(buffer.WrittenSpan.SequenceEqual(value));
            }

            Assert.Equal(model.Count, store.Count);
            Assert.Equal(model, store.EnumerateOrdered(), RecordComparer.Instance);
        }
    }

    [Fact]
    public void Reopening_recovers_exactly_the_last_checkpoint()
    {
        var options = SmallOptions();
        List<KeyValuePair<byte[], byte[]>> checkpointed;
        using (var store = new FasterKeyValueStore(options))
        {
            Assert.False(store.Recovered);
            for (var i = 0; i < 2000; i++)
            {
                store.Put(BitConverter.GetBytes(i), Value(i, 0));
            }

            store.Checkpoint();
            for (var i = 0; i < 2000; i += 3)
            {
                store.Delete(BitConverter.GetBytes(i));
            }

            store.Put("applied-index"u8, BitConverter.GetBytes(2000L));
            store.Checkpoint();
            checkpointed = store.EnumerateOrdered().ToList();

            // Changes after the checkpoint, some flushed to disk by later writes, are lost by the "crash".
            for (var i = 0; i < 2000; i += 2)
            {
                store.Put(BitConverter.GetBytes(i), Value(i, 1));
            }

            for (var i = 1; i < 2000; i += 5)
            {
                store.Delete(BitConverter.GetBytes(i));
            }

            store.Put("applied-index"u8, BitConverter.GetBytes(9999L));
            for (var i = 5000; i < 8000; i++)
            {
                store.Put(BitConverter.GetBytes(i), Value(i, 2));
            }
        }

        using (var reopened = new FasterKeyValueStore(options))
        {
            Assert.True(reopened.Recovered);
            Assert.Equal(checkpointed.Count, reopened.Count);
            Assert.Equal(checkpointed, reopened.EnumerateOrdered(), RecordComparer.Instance);

            // The recovered store keeps working and checkpoints again.
            reopened.Put("after"u8, "1"u8);
            reopened.Checkpoint();
        }

        using var third = new FasterKeyValueStore(options);
        Assert.Equal(checkpointed.Count + 1, third.Count);
    }

    [Fact]
    public void Log_only_checkpoints_between_full_ones_recover_exactly_the_last_checkpoint()
    {
        // A full checkpoint (with the hash index) first, after each compaction and once the log has grown by 256 KiB
        // since the last full one; log-only ones in between. Every reopen must give exactly the last checkpoint.
        var options = SmallOptions();
        options.IndexCheckpointLogBytes = 256 << 10;
        options.CompactionMinLogBytes = 0;
        options.CompactionFactor = 3;
        var kinds = new List<bool>();
        var random = new Random(5);
        for (var reopen = 0; reopen < 4; reopen++)
        {
            List<KeyValuePair<byte[], byte[]>> checkpointed;
            using (var store = new FasterKeyValueStore(options))
            {
                for (var round = 0; round < 6; round++)
                {
                    for (var i = 0; i < 300; i++)
                    {
                        var key = BitConverter.GetBytes(random.Next(400));
                        if (random.Next(8) == 0)
                        {
                            store.Delete(key);
                        }
                        else
                        {
                            store.Put(key, Value(random.Next(400), reopen * 10 + round));
                        }
                    }

                    store.Checkpoint();
                    kinds.Add(store.LastCheckpoint!.Value.Full);
                }

                checkpointed = store.EnumerateOrdered().ToList();

                // Lost by the "crash": written after the last checkpoint.
                for (var i = 0; i < 500; i++)
                {
                    store.Put(BitConverter.GetBytes(i), Value(i, 99));
                }
            }

            using var reopened = new FasterKeyValueStore(options);
            Assert.Equal(checkpointed.Count, reopened.Count);
            Assert.Equal(checkpointed, reopened.EnumerateOrdered(), RecordComparer.Instance);
        }

        Assert.True(kinds[0], "the first checkpoint of a store includes the index");
        Assert.Contains(false, kinds); // most were log-only...
        Assert.True(kinds.Count(full => full) >= 5, $"full checkpoints: {string.Join(",", kinds)}"); // ...but not all
    }

    [Fact]
    public void A_directory_without_a_checkpoint_opens_empty()
    {
        var options = SmallOptions();
        using (var store = new FasterKeyValueStore(options))
        {
            store.Put("lost"u8, "1"u8);
        }

        using var reopened = new FasterKeyValueStore(options);
        Assert.False(reopened.Recovered);
        Assert.Equal(0, reopened.Count);
        Assert.Empty(reopened.EnumerateOrdered());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_damaged_checkpoint_stops_the_open_with_a_clear_error_and_deletes_nothing(bool loseLogFiles)
    {
        var options = SmallOptions();
        using (var store = new FasterKeyValueStore(options))
        {
            for (var i = 0; i < 3000; i++)
            {
                store.Put(BitConverter.GetBytes(i), new byte[100]);
            }

            store.Checkpoint();
        }

        var checkpoint = Directory.GetDirectories(Path.Combine(_directory.Path, "checkpoints", "cpr-checkpoints")).Single();
        if (loseLogFiles)
        {
            Directory.Delete(Path.Combine(_directory.Path, "log"), recursive: true);
        }
        else
        {
            foreach (var file in Directory.GetFiles(checkpoint))
            {
                var bytes = File.ReadAllBytes(file);
                for (var i = 0; i < bytes.Length; i += 7)
                {
                    bytes[i] ^= 0x55;
                }

                File.WriteAllBytes(file, bytes);
            }
        }

        var files = Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories);
        var error = Assert.Throws<InvalidDataException>(() => new FasterKeyValueStore(options));
        Assert.Contains(Path.Combine(_directory.Path, "checkpoints"), error.Message, StringComparison.Ordinal);
        Assert.All(files, file => Assert.True(File.Exists(file), file)); // FASTER may add an empty delta log, never delete
    }

    [Fact]
    public void Clear_forgets_the_checkpointed_state()
    {
        var options = SmallOptions();
        using (var store = new FasterKeyValueStore(options))
        {
            store.Put("old"u8, "1"u8);
            store.Checkpoint();
            store.Clear();
            store.Put("new"u8, "2"u8);
            store.Checkpoint();
        }

        using var reopened = new FasterKeyValueStore(options);
        Assert.Equal(["new"u8.ToArray()], reopened.EnumerateOrdered().Select(r => r.Key));
    }

    [Fact]
    public void Checkpoints_compact_a_log_grown_far_beyond_the_live_data_and_keep_few_checkpoints()
    {
        var options = SmallOptions();
        options.CompactionMinLogBytes = 0;
        options.SegmentSizeBits = 18; // 256 KiB segments, so compaction can free whole files
        using var store = new FasterKeyValueStore(options);
        for (var round = 0; round < 30; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                store.Put(BitConverter.GetBytes(i), Value(i, round));
            }

            store.Checkpoint();
            Assert.True(store.LogBytes <= 2 * options.CompactionFactor * store.LiveBytes, $"round {round}: log {store.LogBytes} B for {store.LiveBytes} live B");
        }

        var checkpointFolders = Directory.GetDirectories(Path.Combine(_directory.Path, "checkpoints", "cpr-checkpoints"));
        Assert.InRange(checkpointFolders.Length, 1, 2);
        Assert.InRange(Directory.GetDirectories(Path.Combine(_directory.Path, "checkpoints", "index-checkpoints")).Length, 1, 2);
        Assert.Equal(200, store.Count);
        Assert.All(store.EnumerateOrdered(), r => Assert.Equal(Value(BitConverter.ToInt32(r.Key), 29), r.Value));
        Assert.True(_directory.SizeBytes() < 30 * 200 * 1000 / 2, $"directory holds {_directory.SizeBytes()} B");
    }

    [Fact]
    public void A_record_larger_than_a_page_is_refused_and_changes_nothing()
    {
        using var store = new FasterKeyValueStore(SmallOptions());
        var error = Assert.Throws<ArgumentException>(() => store.Put("k"u8, new byte[70_000]));
        Assert.Contains("PageSizeBits", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count);
        Assert.Throws<ArgumentException>(() => store.Put([], "v"u8));
        Assert.Throws<ArgumentException>(() => store.Put(new byte[FasterKeyValueStore.MaxKeyLength + 1], "v"u8));
        Assert.Empty(store.EnumerateOrdered());
    }

    [Theory]
    [InlineData(nameof(FasterStoreOptions.DataDirectory))]
    [InlineData(nameof(FasterStoreOptions.PageSizeBits))]
    [InlineData(nameof(FasterStoreOptions.MemoryBudgetBytes))]
    [InlineData(nameof(FasterStoreOptions.SegmentSizeBits))]
    [InlineData(nameof(FasterStoreOptions.IndexBuckets))]
    [InlineData(nameof(FasterStoreOptions.CompactionFactor))]
    [InlineData(nameof(FasterStoreOptions.IndexCheckpointLogBytes))]
    public void Invalid_options_are_refused_naming_the_setting(string setting)
    {
        var options = SmallOptions();
        switch (setting)
        {
            case nameof(FasterStoreOptions.DataDirectory): options.DataDirectory = " "; break;
            case nameof(FasterStoreOptions.PageSizeBits): options.PageSizeBits = 12; break;
            case nameof(FasterStoreOptions.MemoryBudgetBytes): options.MemoryBudgetBytes = 1000; break;
            case nameof(FasterStoreOptions.SegmentSizeBits): options.SegmentSizeBits = 10; break;
            case nameof(FasterStoreOptions.IndexBuckets): options.IndexBuckets = 1000; break;
            case nameof(FasterStoreOptions.IndexCheckpointLogBytes): options.IndexCheckpointLogBytes = -1; break;
            default: options.CompactionFactor = 1; break;
        }

        var error = Assert.Throws<ArgumentException>(() => new FasterKeyValueStore(options));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void A_disposed_store_refuses_calls()
    {
        var store = new FasterKeyValueStore(SmallOptions());
        store.Dispose();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Put("k"u8, "v"u8));
        Assert.Throws<ObjectDisposedException>(() => store.Count);
    }

    private FasterStoreOptions SmallOptions() => new()
    {
        DataDirectory = _directory.Path,
        PageSizeBits = 16,
        MemoryBudgetBytes = 4 << 20,
        SegmentSizeBits = 22,
        IndexBuckets = 1 << 12,
    };

    private static byte[] Value(int key, int version) => [.. BitConverter.GetBytes(key), .. BitConverter.GetBytes(version), .. new byte[key % 50]];
}
