using FsCheck;
using FsCheck.Fluent;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>
/// Random histories of appends, conflicts, hard states, syncs, compactions, installs and rollovers against
/// <see cref="ReferenceLog"/>: a clean reopen recovers exactly the synced state, and a crash loses only records
/// written after the last sync.
/// </summary>
public sealed class SegmentedLogCrashTests : IDisposable
{
    private static readonly SegmentedLogOptions Options = new() { SegmentSize = 2048, EntryCacheBytes = 3000 };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reopen_after_any_history_recovers_exactly_the_synced_state()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var dir = _temp.Sub($"reopen-{seed}");
            var random = new Random(seed);
            var model = new ReferenceLog();
            for (var round = 0; round < 4; round++)
            {
                using var log = SegmentedLog.Open(dir, Options);
                model.AssertMatches(log);
                var history = new History(log, model, random);
                for (var step = 0; step < 25; step++)
                {
                    history.Step();
                }

                log.Sync();
            }

            using var last = SegmentedLog.Open(dir, Options);
            model.AssertMatches(last);
            Assert.Null(last.Recovery.TailRepair);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    [Fact]
    public void A_crash_keeps_every_synced_record_and_recovers_a_state_reached_after_the_last_sync()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), (Action<int>)CrashOnce);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    /// <summary>One random history ending in a crash; a failing seed is printed and can be replayed by calling this.</summary>
    private void CrashOnce(int seed)
    {
        var dir = _temp.Sub($"crash-{seed}");
        var random = new Random(seed);
        var model = new ReferenceLog();
        var log = SegmentedLog.Open(dir, Options);
        var history = new History(log, model, random);
        for (var step = 0; step < 40; step++)
        {
            history.Step();
        }

        // The crash: the OS loses some suffix of what was written after the last fsync, possibly leaving the
        // file at its full length with zeros where the lost bytes were.
        var durable = log.ActiveDurableLength;
        var active = log.SegmentPaths[^1];
        log.Abandon();
        var length = new FileInfo(active).Length;
        var cut = Math.Min(length, durable + (long)(random.NextDouble() * (length - durable + 1)));
        using (var file = File.OpenHandle(active, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, cut);
            if (random.Next(2) == 0)
            {
                RandomAccess.SetLength(file, length);
            }
        }

        using var reopened = SegmentedLog.Open(dir, Options);
        Assert.True(
            history.Candidates.Exists(c => Same(c, reopened)),
            $"seed {seed}: the recovered log (last index {reopened.LastIndex}, {reopened.HardState}, snapshot {reopened.Snapshot.Index}) " +
            $"is no state reached since the last sync (durable {durable} of {length} bytes, cut at {cut})");
        if (!history.ConflictSinceSync)
        {
            Assert.True(reopened.LastIndex >= history.Candidates[0].LastIndex, $"seed {seed}: synced entries vanished");
        }

        var next = reopened.LastIndex + 1;
        reopened.Append([LogEntries.At(next, Math.Max(reopened.Term(next - 1), reopened.HardState.Term))]);
        Assert.Equal(next, reopened.LastIndex);
    }

    private static bool Same(ReferenceLog model, SegmentedLog log)
    {
        try
        {
            model.AssertMatches(log);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    /// <summary>Drives random operations on a log and its model, remembering every state since the last durable point.</summary>
    private sealed class History(SegmentedLog log, ReferenceLog model, Random random)
    {
        private string _activeSegment = log.SegmentPaths[^1];

        /// <summary>States the log may recover to after a crash now: the durable one first, then one per record written since.</summary>
        public List<ReferenceLog> Candidates { get; } = [model.Clone()];

        public bool ConflictSinceSync { get; private set; }

        public void Step()
        {
            var lastTerm = model.Term(model.LastIndex);
            switch (random.Next(10))
            {
                case < 4:
                    AppendEach(LogEntries.Range(model.LastIndex + 1, random.Next(1, 5), Math.Max(lastTerm, 1), random.Next(1, 150)));
                    break;
                case 4 when model.Entries.Count > 0:
                    var from = model.Snapshot.Index + 1 + random.Next(model.Entries.Count);
                    ConflictSinceSync = true;
                    AppendEach(LogEntries.Range(from, random.Next(1, 4), lastTerm + 1, random.Next(1, 100)));
                    break;
                case 5:
                    var state = new HardState(Math.Max(model.HardState.Term, lastTerm) + random.Next(2), (ulong)random.Next(4), random.Next((int)model.LastIndex + 1));
                    log.SetHardState(state);
                    model.HardState = state;
                    Record();
                    break;
                case 6:
                    log.Sync();
                    Durable();
                    break;
                case 7 when model.Entries.Count > 0:
                    var index = model.Snapshot.Index + random.Next(model.Entries.Count + 1);
                    var snapshot = new SnapshotMetadata(index, model.Term(index), LogEntries.Config(1, 2), index * 10);
                    log.Compact(snapshot);
                    model.Compact(snapshot);
                    Durable(written: index != Candidates[^1].Snapshot.Index);
                    break;
                case 8:
                    var at = model.Snapshot.Index + 1 + random.Next(model.Entries.Count + 3);
                    var term = at <= model.LastIndex && random.Next(2) == 0 ? model.Term(at) : lastTerm + 1;
                    var installed = new SnapshotMetadata(at, term, LogEntries.Config(1, 2, 3), at * 10);
                    log.InstallSnapshot(installed);
                    model.Install(installed);
                    Durable();
                    break;
                default:
                    log.Sync();
                    Durable();
                    break;
            }

            model.AssertMatches(log);
        }

        private void AppendEach(Entry[] entries)
        {
            log.Append(entries);
            foreach (var entry in entries)
            {
                model.Append([entry]);
                Record();
            }
        }

        private void Record()
        {
            if (log.SegmentPaths[^1] != _activeSegment)
            {
                // Rollover fsynced everything before the new segment.
                Durable();
                return;
            }

            Candidates.Add(model.Clone());
        }

        /// <summary>A durable point: Sync, rollover, and a compaction or install that wrote a marker (they fsync it).</summary>
        private void Durable(bool written = true)
        {
            if (!written)
            {
                Record();
                return;
            }

            _activeSegment = log.SegmentPaths[^1];
            Candidates.Clear();
            Candidates.Add(model.Clone());
            ConflictSinceSync = false;
        }
    }
}
