using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RaftTower.Node.Peers;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;
using RaftTower.Raft.Transport;
using RaftTower.StateMachine.Apply;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Faster;

namespace RaftTower.Node.Cluster;

/// <summary>
/// One replica: the pure Raft core, its write-ahead log, the FASTER-backed state machine and the peer transport,
/// driven by a single event loop. Client requests, ticks and peer messages become events; each loop turn feeds them to
/// the core and then processes its ready batches (persist + fsync, send, apply, serve reads).
/// </summary>
/// <remarks>
/// Public methods are thread-safe: they post events and await the loop's answer. Everything else runs on the loop,
/// which is the only code that touches the core, the log and the state machine. Aspects: Requests, Ready, Expiry,
/// Membership.
/// </remarks>
internal sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly ClusterNodeOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<LoopEvent> _events = Channel.CreateUnbounded<LoopEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SegmentedLog _log;
    private readonly FasterKeyValueStore _store;
    private TowerStateMachine _stateMachine;
    private readonly TcpRaftTransport _transport;
    private readonly RaftNode _raft;
    private readonly Dictionary<long, PendingProposal> _proposals = [];
    private readonly Dictionary<ulong, List<PendingRead>> _readsAwaitingIndex = [];
    private readonly List<(long Index, PendingRead Read)> _readsAwaitingApply = [];
    private readonly List<PendingRead> _readsForNextRound = [];
    private readonly Timer _readRoundTimer;
    private long _readsConfirmedReported;
    private long _readRoundsWidenedReported;
    private Task _loop = Task.CompletedTask;
    private Task _ticker = Task.CompletedTask;
    private Task _expirer = Task.CompletedTask;
    private ulong _nextReadId;
    private long _lastAppliedTimestamp;
    private long _applied;
    private int _disposed;
    private volatile NodeStatus _status;

    public ClusterNode(ClusterNodeOptions options, TcpRaftTransport transport, ILogger<ClusterNode> logger)
    {
        _options = options;
        _logger = logger;
        _transport = transport;
        _readRoundTimer = new Timer(_ => Post(ReadRoundOverdueEvent.Instance));
        Directory.CreateDirectory(options.DataDir);
        _log = SegmentedLog.Open(Path.Combine(options.DataDir, "wal"), new SegmentedLogOptions
        {
            SyncMode = options.Fsync ? WalSyncMode.Fsync : WalSyncMode.None,
            OnTailRepaired = repair => logger.WalTailRepaired(repair.SegmentPath, repair.Offset, repair.BytesDropped, repair.Reason),
        });
        _store = new FasterKeyValueStore(new FasterStoreOptions
        {
            DataDirectory = Path.Combine(options.DataDir, "state"),
            MemoryBudgetBytes = options.MemoryBudgetBytes,
        });
        _stateMachine = CreateStateMachine();
        CatchUpStateMachineWithLog();
        _raft = new RaftNode(
            new RaftOptions
            {
                Id = options.Id,
                InitialVoters = [.. options.InitialMembers.Keys.Order()],
                ElectionTicks = options.ElectionTicks,
                HeartbeatTicks = 1,
                Applied = _stateMachine.AppliedIndex,
            },
            _log,
            new SeededRaftRandom((ulong)Random.Shared.NextInt64()));
        _applied = _stateMachine.AppliedIndex;
        _lastQueuedIndex = _applied;
        _syncedHardState = _log.HardState;
        _durableIndex = _log.LastIndex;
        _lastSnapshotIndex = _log.Snapshot.Index;
        _lastAppliedTimestamp = _log.Snapshot.Timestamp;
        _status = CaptureStatus();
    }

    /// <summary>The latest status, refreshed by the loop after every turn.</summary>
    public NodeStatus Status => _status;

    /// <summary>The client URL of <paramref name="nodeId"/>, when known (for NotLeader hints).</summary>
    public string? ClientUrlOf(ulong nodeId) => nodeId == 0 ? null : _transport.ClientUrlOf(nodeId);

    /// <summary>Starts the loop, the ticker and the peer connections.</summary>
    public Task StartAsync()
    {
        RefreshPeers();
        _transport.PeerUnreachable += peer => Post(new UnreachableEvent(peer));
        _loop = Task.Factory.StartNew(RunLoopGuardedAsync, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _ticker = RunTickerAsync();
        _transport.DeliverTo(inbound => Post(new InboundEvent(inbound)));
        _expirer = RunExpirerAsync();
        _logger.NodeStarted(_options.Id, _applied, _log.LastIndex);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // The host stops the node (ClusterNodeLifetime) and then the container disposes it again: only the first
        // call works; a second one used to hit the disposed token source and abort the process on every SIGTERM.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _readRoundTimer.DisposeAsync().ConfigureAwait(false);
        _events.Writer.TryComplete();
        await SwallowCancellation(_ticker).ConfigureAwait(false);
        await SwallowCancellation(_expirer).ConfigureAwait(false);
        await SwallowCancellation(_loop).ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        FailAllPending("the node is shutting down");
        if (_snapshotWork is { } snapshot)
        {
            // The worker still owns the store; its file is complete or not published, either way safe to abandon.
            await snapshot.Work.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        _store.Dispose();
        _log.Dispose();
        _stop.Dispose();
    }

    private TowerStateMachine CreateStateMachine() => new(_store, new StateMachineOptions
    {
        Limits = CodecLimits.Default with { MaxKeyBytes = _options.MaxKeyBytes, MaxValueBytes = _options.MaxValueBytes },
    });

    private static async Task SwallowCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Post(LoopEvent e)
    {
        if (!_events.Writer.TryWrite(e))
        {
            e.Fail("the node is shutting down");
        }
    }

    private async Task RunTickerAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            Post(TickEvent.Instance);
        }
    }

    private void ReportReadRounds()
    {
        var confirmed = _raft.ReadsConfirmedByFollowers;
        if (confirmed != _readsConfirmedReported)
        {
            NodeMetrics.ReadsConfirmedByFollowers(confirmed - _readsConfirmedReported);
            _readsConfirmedReported = confirmed;
        }

        var widened = _raft.ReadRoundsWidened;
        if (widened != _readRoundsWidenedReported)
        {
            NodeMetrics.ReadRoundsWidened(widened - _readRoundsWidenedReported);
            _readRoundsWidenedReported = widened;
        }
    }

    /// <summary>Raised once if the loop dies; the host stops the process (fail-stop: a replica never limps on).</summary>
    public event Action<Exception>? Crashed;

    private async Task RunLoopGuardedAsync()
    {
        try
        {
            await RunLoopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LoopCrashed(e);
            Crashed?.Invoke(e);
            throw;
        }
    }

    private async Task RunLoopAsync()
    {
        var reader = _events.Reader;
        var proposals = new List<ProposeEvent>();
        var reads = new List<ReadEvent>();
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            while (reader.TryRead(out var e))
            {
                if (e is ProposeEvent or ReadEvent or RequestBatchEvent)
                {
                    TakeRequest(e, proposals, reads);
                }
                else
                {
                    Handle(e);
                }
            }

            // Proposals that arrived together go into the log as one batch: one append, one fsync (group commit).
            if (proposals.Count > 0)
            {
                ProposeBatch(proposals);
                proposals.Clear();
            }

            // Reads share ReadIndex heartbeat rounds (thesis §6.4 allows batching them), one round out at a time.
            if (reads.Count > 0)
            {
                QueueReads(reads);
                reads.Clear();
            }

            do
            {
                MaybeStartReadRound();
                while (_raft.HasReady)
                {
                    ProcessReady(_raft.GetReady());
                }
            }
            while (_readsForNextRound.Count > 0 && _readsAwaitingIndex.Count == 0);

            _status = CaptureStatus();
            ReportReadRounds();
            NodeMetrics.LoopTurn(Stopwatch.GetElapsedTime(started));
        }
    }
}
