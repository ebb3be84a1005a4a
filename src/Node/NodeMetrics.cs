using System.Diagnostics.Metrics;
using RaftTower.Raft.Core;

namespace RaftTower.Node;

/// <summary>The node's instruments (meter <c>RaftTower.Node</c>), exported on <c>/metrics</c>.</summary>
internal static class NodeMetrics
{
    private static readonly Meter Meter = new("RaftTower.Node");
    private static readonly Counter<long> RoleChanges = Meter.CreateCounter<long>("role_changes", description: "Times this node changed role.");
    private static readonly Histogram<double> FsyncSeconds = Meter.CreateHistogram<double>("wal_fsync", "s", "Write-ahead log fsync latency.");
    private static readonly Histogram<double> ApplySeconds = Meter.CreateHistogram<double>("apply", "s", "State machine apply latency per entry.");
    private static readonly Histogram<double> LoopSeconds = Meter.CreateHistogram<double>("loop_turn", "s", "Event loop turn duration (ready processing included).");
    private static readonly Histogram<double> RequestSeconds = Meter.CreateHistogram<double>("request", "s", "Client request latency by kind and outcome.");
    private static readonly Histogram<int> BatchRequests = Meter.CreateHistogram<int>(
        "batch_size",
        "requests",
        "Requests per ExecuteBatch call.",
        tags: null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096] });
    private static readonly Counter<long> Snapshots = Meter.CreateCounter<long>("snapshots", description: "Snapshots taken.");
    private static readonly Histogram<double> SnapshotBytes = Meter.CreateHistogram<double>(
        "snapshot_size",
        "bytes",
        "Size of snapshots taken.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [1 << 10, 16 << 10, 256 << 10, 1 << 20, 16 << 20, 256 << 20, 1L << 30, 16L << 30] });
    private static readonly Counter<long> ConfirmedReads = Meter.CreateCounter<long>(
        "reads_confirmed_by_followers",
        description: "Reads this node served as leader on followers' confirmations (Tower/ConfirmRead) rather than a heartbeat round.");
    private static readonly Counter<long> WidenedReadRounds = Meter.CreateCounter<long>(
        "read_rounds_widened",
        description: "Read rounds sent to every follower because the quorum they were first sent to had not answered within 2 ms.");
    private static readonly Histogram<double> SnapshotSeconds = Meter.CreateHistogram<double>("snapshot_duration", "s", "Time to checkpoint, write a snapshot and compact the log.");
    private static readonly Histogram<double> SnapshotApplyHeldSeconds = Meter.CreateHistogram<double>(
        "snapshot_apply_held", "s", "Time apply was held for a snapshot: its store checkpoint (the file is written while apply goes on).");
    private static int _isLeader;

    static NodeMetrics() => Meter.CreateObservableGauge("is_leader", () => Volatile.Read(ref _isLeader), description: "1 while this node leads.");

    /// <summary>Exposes the node's status as observable gauges (term, indices).</summary>
    public static void Observe(Func<Cluster.NodeStatus> status)
    {
        Meter.CreateObservableGauge("term", () => status().Term, description: "Current Raft term.");
        Meter.CreateObservableGauge("commit_index", () => status().CommitIndex, description: "Highest committed log index.");
        Meter.CreateObservableGauge("applied_index", () => status().AppliedIndex, description: "Highest applied log index.");
        Meter.CreateObservableGauge("last_index", () => status().LastIndex, description: "Last index in the local log.");
        Meter.CreateObservableGauge("snapshot_index", () => status().SnapshotIndex, description: "Index of the newest snapshot.");
    }

    public static void RoleChanged(RaftRole role)
    {
        RoleChanges.Add(1, new KeyValuePair<string, object?>("role", role.ToString()));
        Volatile.Write(ref _isLeader, role == RaftRole.Leader ? 1 : 0);
    }

    public static void ReadsConfirmedByFollowers(long reads) => ConfirmedReads.Add(reads);

    public static void ReadRoundsWidened(long rounds) => WidenedReadRounds.Add(rounds);

    public static void Fsync(TimeSpan elapsed) => FsyncSeconds.Record(elapsed.TotalSeconds);

    public static void Applied(TimeSpan elapsed) => ApplySeconds.Record(elapsed.TotalSeconds);

    public static void LoopTurn(TimeSpan elapsed) => LoopSeconds.Record(elapsed.TotalSeconds);

    public static void Request(string kind, string outcome, TimeSpan elapsed) =>
        RequestSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>One ExecuteBatch call of <paramref name="requests"/> requests (each also counts in <see cref="Request"/>).</summary>
    public static void Batch(int requests) => BatchRequests.Record(requests);

    public static void SnapshotApplyHeld(TimeSpan held) => SnapshotApplyHeldSeconds.Record(held.TotalSeconds);

    public static void SnapshotTaken(long bytes, TimeSpan elapsed)
    {
        Snapshots.Add(1);
        SnapshotBytes.Record(bytes);
        SnapshotSeconds.Record(elapsed.TotalSeconds);
    }
}
