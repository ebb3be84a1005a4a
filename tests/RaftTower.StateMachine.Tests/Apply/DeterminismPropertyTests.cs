using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Snapshots;
using RaftTower.StateMachine.Tests.Generators;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class DeterminismPropertyTests
{
    /// <summary>A write with the seconds to advance the log clock before it (TTLs then expire in between).</summary>
    private static readonly Gen<(TowerCommand Command, int Seconds)> Step =
        from command in CommandGenerators.AnyWrite
        from seconds in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
        select (command, seconds);

    private static readonly Gen<(TowerCommand Command, int Seconds)[]> Steps = Gen.Choose(1, 120).SelectMany(n => Gen.ArrayOf(Step, n));

    private static void Run(TowerHarness harness, IEnumerable<(TowerCommand Command, int Seconds)> steps, ulong client)
    {
        foreach (var (command, seconds) in steps)
        {
            harness.Now += seconds * TimeSpan.TicksPerSecond;
            // client 0 here means "rotate over three clients", so sessions come and go (and expire) too.
            var session = client != 0 ? client : 1 + ((ulong)harness.Index % 3);
            harness.Write(command, session, (ulong)harness.Index + 1, (ulong)harness.Index);
            if (seconds > 0)
            {
                harness.Write(new TowerCommand(OpCode.ExpireKeys, [], Expirations: harness.Machine.GetDueExpirations(harness.Now, 3)));
            }
        }
    }

    [Fact]
    public void The_same_commands_on_two_fresh_stores_give_identical_records()
    {
        Prop.ForAll(Steps.ToArbitrary(), steps =>
        {
            var first = new TowerHarness();
            var second = new TowerHarness();
            Run(first, steps, client: 5);
            Run(second, steps, client: 5);
            Assert.Equal(first.Dump(), second.Dump());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Snapshot_restore_then_more_commands_matches_the_replica_that_never_restarted()
    {
        Prop.ForAll(Steps.ToArbitrary(), Steps.ToArbitrary(), (before, after) =>
        {
            var options = new StateMachine.Apply.StateMachineOptions { SessionTimeout = TimeSpan.FromSeconds(20) };
            var original = new TowerHarness(options);
            Run(original, before, client: 0);
            using var snapshot = new MemoryStream();
            StoreSnapshot.Write(original.Store, snapshot);
            snapshot.Position = 0;
            var restoredStore = new RaftTower.StateMachine.Storage.InMemoryKeyValueStore();
            StoreSnapshot.Restore(snapshot, restoredStore);
            var restored = new TowerHarness(options, restoredStore) { Now = original.Now };
            Assert.Equal(original.Machine.AppliedIndex, restored.Machine.AppliedIndex);
            restored.SkipTo(original.Index);

            Run(original, after, client: 0);
            Run(restored, after, client: 0);
            Assert.Equal(original.Dump(), restored.Dump());
            Assert.Equal(SnapshotBytes(original), SnapshotBytes(restored));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void The_faster_store_and_the_in_memory_store_end_with_identical_records()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rafttower-determinism-" + Guid.NewGuid().ToString("N"));
        try
        {
            Prop.ForAll(Steps.ToArbitrary(), steps =>
            {
                var path = Path.Combine(directory, Guid.NewGuid().ToString("N"));
                using var faster = new FasterKeyValueStore(new FasterStoreOptions { DataDirectory = path, MemoryBudgetBytes = 1 << 22, PageSizeBits = 20, SegmentSizeBits = 22, IndexBuckets = 1 << 10 });
                var reference = new TowerHarness();
                var onFaster = new TowerHarness(store: faster);
                Run(reference, steps, client: 2);
                Run(onFaster, steps, client: 2);
                Assert.Equal(reference.Dump(), onFaster.Dump());
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void A_retried_request_is_applied_exactly_once_whatever_the_interleaving()
    {
        var requests = Gen.ArrayOf(from client in Gen.Choose(1, 3) from sequence in Gen.Choose(1, 12) select ((ulong)client, (ulong)sequence));
        Prop.ForAll(requests.ToArbitrary(), list =>
        {
            var t = new TowerHarness();
            var first = new Dictionary<(ulong, ulong), long>();
            foreach (var (client, sequence) in list)
            {
                var value = t.Write(new TowerCommand(OpCode.IncInt, "n"u8.ToArray()), client, sequence).Value.AsInt();
                Assert.Equal(first.TryAdd((client, sequence), value) ? value : first[(client, sequence)], value);
            }

            Assert.Equal(first.Count, t.Read(OpCode.GetInt, "n").Value.IsNull ? 0 : t.Read(OpCode.GetInt, "n").Value.AsInt());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static byte[] SnapshotBytes(TowerHarness harness)
    {
        using var stream = new MemoryStream();
        StoreSnapshot.Write(harness.Store, stream);
        return stream.ToArray();
    }
}
