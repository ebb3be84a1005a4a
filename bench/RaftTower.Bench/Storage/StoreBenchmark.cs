using System.Buffers;
using System.Diagnostics;
using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Snapshots;
using RaftTower.StateMachine.Storage;

namespace RaftTower.Bench.Storage;

/// <summary>
/// `store`: single-thread throughput of the state machine's storage layer on this machine: FASTER puts and
/// random gets (with data beyond the memory budget), checkpoint and recovery time, snapshot write and restore,
/// and ordered-index inserts and range scans.
/// Options: --records N (default 200000), --value-bytes N (default 200), --budget-mib N (default 16), --dir PATH.
/// </summary>
internal static class StoreBenchmark
{
    public static int Run(string[] args)
    {
        var records = IntOption(args, "--records", 200_000);
        var valueBytes = IntOption(args, "--value-bytes", 200);
        var budgetMib = IntOption(args, "--budget-mib", 16);
        var root = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "rafttower-store-bench-" + Environment.ProcessId);
        var options = new FasterStoreOptions
        {
            DataDirectory = Path.Combine(root, "store"),
            MemoryBudgetBytes = (long)budgetMib << 20,
            PageSizeBits = 20,
            IndexBuckets = 1 << 17,
        };
        Console.WriteLine($"store benchmark: {records:N0} records of {valueBytes} B, memory budget {budgetMib} MiB, dir {root}");
        try
        {
            var random = new Random(1);
            var value = new byte[valueBytes];
            random.NextBytes(value);
            var snapshotPath = Path.Combine(root, "snapshot.bin");
            using (var store = new FasterKeyValueStore(options))
            {
                Measure("faster put (new keys)", records, () =>
                {
                    for (var i = 0; i < records; i++)
                    {
                        store.Put(Key(i), value);
                    }
                });
                var buffer = new ArrayBufferWriter<byte>();
                Measure("faster get (random)", records, () =>
                {
                    for (var i = 0; i < records; i++)
                    {
                        buffer.ResetWrittenCount();
                        store.TryGet(Key(random.Next(records)), buffer);
                    }
                });
                Measure("faster checkpoint", 1, store.Checkpoint);
                using var file = File.Create(snapshotPath);
                Measure("snapshot write", records, () => StoreSnapshot.Write(store, file));
                Console.WriteLine($"  snapshot {file.Length / (1 << 20)} MiB, log {store.LogBytes / (1 << 20)} MiB");
            }

            Measure("faster recover (reopen)", 1, () => new FasterKeyValueStore(options).Dispose());
            using (var target = new InMemoryKeyValueStore())
            using (var file = File.OpenRead(snapshotPath))
            {
                Measure("snapshot restore (in memory)", records, () => StoreSnapshot.Restore(file, target));
            }

            using (var store = new InMemoryKeyValueStore())
            {
                var index = new OrderedIndex(store, "bench"u8);
                var keys = Enumerable.Range(0, records).Select(_ => random.NextInt64()).ToArray();
                Measure("ordered index put (random keys)", records, () =>
                {
                    foreach (var key in keys)
                    {
                        index.Put(BitConverter.GetBytes(key), value.AsSpan(0, Math.Min(16, value.Length)));
                    }
                });
                Measure("ordered index range (100 keys)", 10_000, () =>
                {
                    for (var i = 0; i < 10_000; i++)
                    {
                        _ = index.Range(BitConverter.GetBytes(keys[i % keys.Length]), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).Take(100).Count();
                    }
                });
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static byte[] Key(int i) => [(byte)'k', .. BitConverter.GetBytes(i * 2_654_435_761u), .. BitConverter.GetBytes(i)];

    private static void Measure(string name, long operations, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        var rate = operations / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"  {name,-34} {watch.Elapsed.TotalMilliseconds,10:N1} ms {(operations > 1 ? $"{rate,12:N0} ops/s" : string.Empty)}");
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text && int.TryParse(text, out var value) && value > 0 ? value : fallback;
}
