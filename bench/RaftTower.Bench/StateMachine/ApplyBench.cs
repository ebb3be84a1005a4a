using System.Buffers;
using System.Globalization;
using RaftTower.StateMachine.Apply;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.Bench.StateMachine;

/// <summary>
/// `apply`: single-threaded apply throughput of the state machine through the real path — encoded log-entry bytes
/// (with a client session) in, encoded result out — for scalar and collection operations at two collection sizes.
/// </summary>
internal static class ApplyBench
{
    private static readonly long Epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly OpCode[] Operations =
        [OpCode.SetString, OpCode.AddInt, OpCode.PushRight, OpCode.MapSet, OpCode.SetAdd, OpCode.TimeSeriesAdd, OpCode.ListIndex];

    public static int Run(string[] args)
    {
        var store = ArgValue(args, "--store") ?? "faster";
        var client = args.Contains("--no-session") ? 0UL : 1UL;
        var operations = int.Parse(ArgValue(args, "--ops") ?? "200000", CultureInfo.InvariantCulture);
        var sizes = (ArgValue(args, "--sizes") ?? "10,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"state machine apply, one thread, store={store}, client session={(client != 0 ? "yes" : "no")}, {operations:N0} ops per case (after a warm-up pass)");
        Console.WriteLine("ops/s = operations per wall-clock second; ops/cpu-s = per second of this process's CPU time (fairer on a shared machine)");
        Console.WriteLine($"{"operation",-16} {"size",9} {"ops/s",12} {"ops/cpu-s",12} {"cpu µs/op",10}");
        var only = ArgValue(args, "--op");
        var cases = Operations.Where(op => only is null || string.Equals(only, op.ToString(), StringComparison.OrdinalIgnoreCase)).ToArray();

        // One untimed round first, so that tiered JIT recompilation (which burns CPU on a background thread)
        // does not land in whichever case happens to run first.
        foreach (var op in cases)
        {
            Measure(store, client, op, 10, 50_000);
        }

        foreach (var op in cases)
        {
            foreach (var size in sizes)
            {
                var (wall, cpu) = Measure(store, client, op, size, operations);
                Console.WriteLine($"{op,-16} {size,9:N0} {wall,12:N0} {cpu,12:N0} {1e6 / cpu,10:F2}");
            }
        }

        return 0;
    }

    private static (double Wall, double Cpu) Measure(string storeKind, ulong client, OpCode op, int size, int operations)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rafttower-apply-bench-" + Guid.NewGuid().ToString("N"));
        using IKeyValueStore store = storeKind == "memory"
            ? new InMemoryKeyValueStore()
            : new FasterKeyValueStore(new FasterStoreOptions { DataDirectory = directory, MemoryBudgetBytes = 1L << 30, PageSizeBits = 22, IndexBuckets = 1L << 20 });
        try
        {
            var machine = new TowerStateMachine(store);
            var index = 0L;
            var sequence = 0UL;
            var result = new ArrayBufferWriter<byte>(256);

            void Apply(TowerCommand command)
            {
                sequence++;
                result.ResetWrittenCount();
                machine.Apply(++index, Epoch + index, CommandCodec.EncodeWrite(new CommandEnvelope(client, sequence, sequence, command)), result);
            }

            for (var i = 0; i < size; i++)
            {
                Apply(Populate(op, size, i));
            }

            // Warm-up and measured passes use fresh commands (new sequence numbers), encoded before timing.
            (double Wall, double Cpu) rate = default;
            foreach (var pass in new[] { 0, 1 })
            {
                var count = pass == 0 ? Math.Min(operations, 20_000) : operations;
                if (op == OpCode.ListIndex)
                {
                    var queries = Enumerable.Range(0, count).Select(i => CommandCodec.EncodeQuery(new TowerCommand(op, "coll"u8.ToArray(), (long)(i % size)))).ToArray();
                    var watch = Timing.Start();
                    foreach (var query in queries)
                    {
                        result.ResetWrittenCount();
                        machine.Read(query, Epoch + index, result);
                    }

                    rate = watch.Rates(count);
                    continue;
                }

                var entries = new byte[count][];
                for (var i = 0; i < count; i++)
                {
                    sequence++;
                    entries[i] = CommandCodec.EncodeWrite(new CommandEnvelope(client, sequence, sequence, Measured(op, size, pass * 1_000_000 + i)));
                }

                var stopwatch = Timing.Start();
                foreach (var entry in entries)
                {
                    result.ResetWrittenCount();
                    index++;
                    machine.Apply(index, Epoch + index, entry, result);
                }

                rate = stopwatch.Rates(count);
            }

            return rate;
        }
        finally
        {
            store.Dispose();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Builds the collection (or keyspace) of <paramref name="size"/> elements the measured op runs against.</summary>
    private static TowerCommand Populate(OpCode op, int size, int i) => op switch
    {
        OpCode.SetString => new(OpCode.SetString, Key("k", i), "initial-value"),
        OpCode.AddInt => new(OpCode.SetInt, Key("k", i), (long)i),
        OpCode.PushRight or OpCode.ListIndex => new(OpCode.PushRight, "coll"u8.ToArray(), "element-" + i),
        OpCode.MapSet => new(OpCode.MapSet, "coll"u8.ToArray(), "field-" + i, (long)i),
        OpCode.SetAdd => new(OpCode.SetAdd, "coll"u8.ToArray(), "member-" + i),
        _ => new(OpCode.TimeSeriesAdd, "coll"u8.ToArray(), TowerValue.FromTimestampTicks(Epoch + i), (double)i),
    };

    /// <summary>The measured command number <paramref name="i"/>: O(1) work on a collection of <paramref name="size"/>.</summary>
    private static TowerCommand Measured(OpCode op, int size, int i) => op switch
    {
        OpCode.SetString => new(OpCode.SetString, Key("k", i % size), "value-" + i),
        OpCode.AddInt => new(OpCode.AddInt, Key("k", i % size), 1L),
        OpCode.PushRight => new(OpCode.PushRight, "coll"u8.ToArray(), "pushed-" + i),
        OpCode.MapSet => new(OpCode.MapSet, "coll"u8.ToArray(), "field-" + (i % size), (long)i),
        OpCode.SetAdd => new(OpCode.SetAdd, "coll"u8.ToArray(), "added-" + i),
        _ => new(OpCode.TimeSeriesAdd, "coll"u8.ToArray(), TowerValue.FromTimestampTicks(Epoch + size + i), (double)i),
    };

    private static byte[] Key(string prefix, int i) => System.Text.Encoding.UTF8.GetBytes(prefix + i.ToString(CultureInfo.InvariantCulture));

    private static string? ArgValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
