using System.Diagnostics;
using System.Globalization;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;

namespace RaftTower.Bench.Raft;

/// <summary>
/// Throughput of the pure Raft core: a 3-node cluster in one thread, in-memory storage, messages handed over
/// directly (no I/O, no serialization). Measures entries committed per second at the leader.
/// </summary>
internal static class RaftCoreBenchmark
{
    public const string Help = "pure Raft core throughput: 3 nodes in memory, no I/O [--entries N] [--batch N] [--size BYTES] [--window N]";

    public static int Run(string[] args)
    {
        var entries = Option(args, "--entries", 2_000_000);
        var batch = Option(args, "--batch", 256);
        var size = Option(args, "--size", 100);
        var window = Option(args, "--window", 8_192);
        if (entries < 1 || batch < 1 || size < 0 || window < batch)
        {
            Console.Error.WriteLine("raft: --entries and --batch must be positive, --size non-negative, --window at least --batch");
            return 2;
        }

        // Warm up the JIT, then measure.
        Measure(Math.Min(entries, 100_000), batch, size, window);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (elapsed, committed, messages) = Measure(entries, batch, size, window);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var perSecond = committed / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raft core: 3 nodes, {committed:N0} entries of {size} B committed in {elapsed.TotalSeconds:F2} s: {perSecond:N0} entries/s ({perSecond * size / (1 << 20):F1} MiB/s), {messages:N0} messages, batch {batch}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu time {cpu.TotalSeconds:F2} s (all threads, GC included): {committed / cpu.TotalSeconds:N0} entries per cpu-second"));
        return 0;
    }

    private static (TimeSpan Elapsed, long Committed, long Messages) Measure(int entries, int batch, int size, int window)
    {
        ulong[] ids = [1, 2, 3];
        var storages = ids.ToDictionary(id => id, _ => new MemoryRaftLogStorage());
        var nodes = ids.ToDictionary(id => id, id => new RaftNode(
            new RaftOptions { Id = id, InitialVoters = ids, ElectionTicks = 10, HeartbeatTicks = 1, MaxInflightMessages = 1024 },
            storages[id],
            new SeededRaftRandom(id)));
        var network = new Queue<Message>();
        var leader = nodes[1];
        leader.Campaign();
        long committed = 0;
        long messages = 0;
        void Pump()
        {
            foreach (var (id, node) in nodes)
            {
                while (node.HasReady)
                {
                    var ready = node.GetReady();
                    var storage = storages[id];
                    storage.Append(ready.Entries);
                    if (ready.HardState is { } hardState)
                    {
                        storage.SetHardState(hardState);
                    }

                    if (ready.MustSync)
                    {
                        storage.Sync();
                    }

                    foreach (var message in ready.Messages)
                    {
                        network.Enqueue(message);
                    }

                    if (node == leader)
                    {
                        committed += ready.CommittedEntries.Count(e => e.Type == EntryType.Normal);
                    }

                    node.Advance(ready);
                    if (ready.CommittedEntries.Count > 0 && ready.CommittedEntries[^1].Index - storage.Snapshot.Index > 100_000)
                    {
                        // Keep memory flat: compact what is applied, as a host does after a snapshot.
                        var last = ready.CommittedEntries[^1];
                        storage.Compact(new SnapshotMetadata(last.Index, last.Term, new ConfigState(ids, []), last.Timestamp));
                        storage.Sync();
                    }
                }
            }

            messages += network.Count;
            while (network.TryDequeue(out var message))
            {
                nodes[message.To].Step(message);
            }
        }

        while (leader.Role != RaftRole.Leader)
        {
            Pump();
        }

        var payload = new byte[size];
        var proposals = Enumerable.Range(0, batch).Select(_ => (ReadOnlyMemory<byte>)payload).ToArray();
        long proposed = 0;
        var clock = Stopwatch.StartNew();
        while (committed < entries)
        {
            while (proposed - committed < window && proposed < entries)
            {
                if (!leader.ProposeBatch(proposals, clock.ElapsedTicks).IsAccepted)
                {
                    throw new InvalidOperationException("The leader refused a proposal during the benchmark.");
                }

                proposed += batch;
            }

            Pump();
        }

        return (clock.Elapsed, committed, messages);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }
}
