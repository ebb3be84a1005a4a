using System.Diagnostics;
using System.Globalization;
using RaftTower.Raft.Storage.Wal;

namespace RaftTower.Bench.Wal;

/// <summary>
/// `wal`: append throughput of <see cref="SegmentedLog"/> with one fsync per batch (group commit), next to the raw
/// fsync rate of the same directory measured in the same run. The ratio WAL batches/s ÷ raw fsyncs/s shows how
/// close the log gets to the disk's limit: an fsync per batch is the floor, everything else is the log's overhead.
/// </summary>
internal static class WalBenchmark
{
    public const string Help = "WAL append+fsync throughput for batches of 1, 64, 1024 x 100 B vs the disk's raw fsync rate [--dir D] [--seconds S]";

    private const int EntryBytes = 100;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);
    private static readonly int[] BatchSizes = [1, 64, 1024];

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var parent, out var seconds, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("usage: wal [--dir <directory>] [--seconds <per case, default 3>]");
            return 2;
        }

        var root = Path.Combine(parent, $"wal-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            Console.WriteLine($"WAL benchmark in {root}: {seconds} s of WAL and {seconds} s of raw fsync per case, interleaved in {Slice.TotalMilliseconds} ms slices");
            Console.WriteLine($"so both see the same disk load; {EntryBytes}-byte entries, SyncMode Fsync, default segment size.");
            Console.WriteLine();
            Console.WriteLine($"{"batch",7} {"batches/s",10} {"entries/s",10} {"MB/s",7} {"raw fsyncs/s",13} {"ratio",6}   (ratio = WAL batches/s / raw fsyncs/s)");
            foreach (var size in BatchSizes)
            {
                var (wal, raw) = MeasureCase(root, size, TimeSpan.FromSeconds(seconds));
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{size,7} {wal,10:F0} {wal * size,10:F0} {wal * size * EntryBytes / 1e6,7:F2} {raw,13:F0} {wal / raw,6:F2}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Alternates slices of WAL batches and raw fsyncs until each had <paramref name="duration"/>; returns both rates.</summary>
    private static (double WalBatches, double RawFsyncs) MeasureCase(string root, int batchSize, TimeSpan duration)
    {
        using var wal = new WalAppender(Path.Combine(root, $"log-{batchSize}"), batchSize, EntryBytes);
        using var raw = new RawFsync(Path.Combine(root, $"raw-{batchSize}"), EntryBytes);
        var (walCount, walTime, rawCount, rawTime) = (0L, TimeSpan.Zero, 0L, TimeSpan.Zero);
        while (walTime < duration || rawTime < duration)
        {
            var (count, time) = RunSlice(wal.AppendAndSync);
            (walCount, walTime) = (walCount + count, walTime + time);
            (count, time) = RunSlice(raw.WriteAndSync);
            (rawCount, rawTime) = (rawCount + count, rawTime + time);
        }

        return (walCount / walTime.TotalSeconds, rawCount / rawTime.TotalSeconds);
    }

    private static (long Count, TimeSpan Time) RunSlice(Action operation)
    {
        var count = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Slice)
        {
            operation();
            count++;
        }

        return (count, clock.Elapsed);
    }

    private static bool TryParse(string[] args, out string directory, out double seconds, out string error)
    {
        directory = Environment.CurrentDirectory;
        seconds = 3;
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--dir" when value is not null:
                    directory = Path.GetFullPath(value);
                    i++;
                    break;
                case "--seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 600:
                    i++;
                    break;
                default:
                    error = $"wal: unknown or incomplete option '{args[i]}'";
                    return false;
            }
        }

        if (!Directory.Exists(directory))
        {
            error = $"wal: --dir '{directory}' does not exist";
            return false;
        }

        return true;
    }
}
