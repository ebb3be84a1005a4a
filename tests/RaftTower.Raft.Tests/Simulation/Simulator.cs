using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Simulation;

/// <summary>
/// A deterministic simulation of a Raft cluster: one seed decides every tick, delivery, loss, duplication, delay,
/// partition, crash (losing what was not synced), restart, proposal, read, transfer, membership change and
/// snapshot. The <see cref="SafetyChecker"/> runs after every step.
/// </summary>
public sealed partial class Simulator
{
    private readonly SimulationSettings _settings;
    private readonly SeededRaftRandom _random;
    private readonly ulong _seed;
    private readonly List<(int DeliverAt, List<Message> Messages)> _inFlight = [];
    private readonly HashSet<(ulong From, ulong To)> _cut = [];
    private int _step;

    public Simulator(ulong seed, SimulationSettings settings)
    {
        _seed = seed;
        _settings = settings;
        _random = new SeededRaftRandom(seed);
        var voters = Enumerable.Range(1, settings.Nodes).Select(i => (ulong)i).ToArray();
        foreach (var id in voters)
        {
            AddNode(id, voters);
        }

        _nextNodeId = (ulong)settings.Nodes + 1;
    }

    public SortedDictionary<ulong, TestNode> Nodes { get; } = [];

    public SafetyChecker Checker { get; } = new();

    /// <summary>Counters for the report: what the run actually exercised.</summary>
    public Dictionary<string, int> Stats { get; } = [];

    private void Count(string what) => Stats[what] = Stats.GetValueOrDefault(what) + 1;

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.NextInt(items.Count)];

    private TestNode AddNode(ulong id, IReadOnlyList<ulong> initialVoters)
    {
        var node = new TestNode(id, () => new RaftOptions { InitialVoters = initialVoters, ElectionTicks = 10, HeartbeatTicks = 2, MaxInflightMessages = 16, MaxBytesPerAppend = _settings.MaxBytesPerAppend }, _seed * 31 + id)
        {
            ChunkSize = 256,
            OnApply = OnApply,
            OnAppend = Checker.OnAppend,
            OnSnapshotInstalled = Checker.OnSnapshotInstalled,
        };
        Nodes[id] = node;
        return node;
    }

    /// <summary>Runs the faulty phase, then the fault-free liveness phase; throws <see cref="SimulationFailureException"/>.</summary>
    public void Run()
    {
        try
        {
            for (_step = 0; _step < _settings.Steps; _step++)
            {
                Step(faults: true);
                Verify();
            }

            RunLivenessPhase();
        }
        catch (SimulationFailureException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new SimulationFailureException(_seed, _settings.Nodes, _step, $"exception: {e.Message}", e);
        }
    }

    private void Verify()
    {
        Checker.AfterStep(Nodes.Values);
        if (Checker.Violation is { } violation)
        {
            throw new SimulationFailureException(_seed, _settings.Nodes, _step, violation);
        }
    }

    private void Step(bool faults)
    {
        foreach (var node in Nodes.Values)
        {
            if (!node.IsDown && !(faults && Chance(_settings.TickSkip)))
            {
                node.Raft.Tick();
            }
        }

        ProcessAll(faults);
        Deliver(faults);
        Workload(faults);
        if (faults)
        {
            Faults();
        }

        ProcessAll(faults);
        CollectReads();
    }

    private void Deliver(bool faults)
    {
        var due = new List<List<Message>>();
        for (var i = _inFlight.Count - 1; i >= 0; i--)
        {
            if (_inFlight[i].DeliverAt <= _step)
            {
                due.Add(_inFlight[i].Messages);
                _inFlight.RemoveAt(i);
            }
        }

        // Deliver in a random order: reordering beyond what the delays already cause. A snapshot's chunks form one
        // stream (a TCP connection): in order, but it may break off anywhere.
        for (var i = due.Count - 1; i > 0; i--)
        {
            var j = _random.NextInt(i + 1);
            (due[i], due[j]) = (due[j], due[i]);
        }

        foreach (var stream in due)
        {
            var length = faults && stream.Count > 1 && Chance(_settings.MessageLoss) ? _random.NextInt(stream.Count) : stream.Count;
            for (var k = 0; k < length; k++)
            {
                DeliverOne(stream[k], faults && stream.Count == 1);
            }
        }
    }

    private void DeliverOne(Message message, bool faults)
    {
        if (!Nodes.TryGetValue(message.To, out var target) || _cut.Contains((message.From, message.To)))
        {
            return;
        }

        if (faults && Chance(_settings.MessageLoss))
        {
            Count("lost");
            return;
        }

        target.Receive(message);
        if (faults && Chance(_settings.MessageDuplication))
        {
            Count("duplicated");
            target.Receive(message);
        }

        Process(target, faults);
    }

    private void ProcessAll(bool faults)
    {
        foreach (var node in Nodes.Values)
        {
            Process(node, faults);
        }
    }

    private void Process(TestNode node, bool faults)
    {
        for (var round = 0; round < 4 && !node.IsDown && node.Raft.HasReady; round++)
        {
            var crash = faults && Chance(_settings.CrashBeforeSync);
            var queued = _inFlight.Count;
            List<Message>? stream = null;
            foreach (var message in node.Process(crashBeforeSync: crash))
            {
                if (message.Type == MessageType.SnapshotChunk && message.ChunkOffset > 0 && stream is not null)
                {
                    stream.Add(message);
                    continue;
                }

                var delay = faults ? _random.NextInt(_settings.MaxDelay + 1) : 0;
                stream = [message];
                _inFlight.Add((_step + 1 + delay, stream));
            }

            if (crash)
            {
                Count("crash before sync");
                return;
            }

            if (faults && stream is not null && Nemesis(node, queued))
            {
                return;
            }
        }
    }

    /// <summary>Targeted crashes at the moments that matter most: right after a vote, right after winning.</summary>
    private bool Nemesis(TestNode node, int queued)
    {
        var voted = _inFlight[^1].Messages[0] is { Type: MessageType.VoteResponse, Reject: false };
        var leading = node.Raft.Role == RaftRole.Leader;
        var newLeader = leading && _leaderTerm.GetValueOrDefault(node.Id) != node.Raft.Term;
        if (leading)
        {
            _leaderTerm[node.Id] = node.Raft.Term;
        }

        if ((voted && Chance(_settings.CrashAfterVote)) || (newLeader && Chance(_settings.CrashNewLeader)))
        {
            Count(voted ? "crash after vote" : "crash new leader");
            node.Crash();
            if (Chance(0.5))
            {
                // Power lost after the batch was durable but before its messages left: nobody heard of it.
                _inFlight.RemoveRange(queued, _inFlight.Count - queued);
            }

            return true;
        }

        return false;
    }

    private readonly Dictionary<ulong, long> _leaderTerm = [];

    private void CollectReads()
    {
        foreach (var node in Nodes.Values)
        {
            foreach (var read in node.ReadStates)
            {
                Count("read served");
                Checker.OnReadState(node, read, _reads);
            }

            node.ReadStates.Clear();
            var confirmed = node.Raft.ReadsConfirmedByFollowers;
            Count("read served on confirmations", (int)(confirmed - _confirmedReadsSeen.GetValueOrDefault(node.Raft)));
            _confirmedReadsSeen[node.Raft] = confirmed;
        }
    }

    // Per RaftNode instance (a restart makes a new one, whose count starts at zero).
    private readonly Dictionary<RaftNode, long> _confirmedReadsSeen = new(ReferenceEqualityComparer.Instance);

    /// <summary>With faults gone, a leader must emerge and commit a new entry on every member within the bound.</summary>
    private void RunLivenessPhase()
    {
        _cut.Clear();
        foreach (var node in Nodes.Values.Where(n => n.IsDown))
        {
            Restart(node);
        }

        ulong marker = 0;
        long markerIndex = 0;
        for (var i = 0; i < _settings.LivenessSteps; i++, _step++)
        {
            Step(faults: false);
            Verify();
            var leader = CurrentLeader();
            if (leader is null)
            {
                continue;
            }

            if (marker == 0 || (markerIndex > 0 && leader.Applied.Count >= markerIndex && leader.Applied[(int)markerIndex - 1].Term != _markerTerm))
            {
                var result = ProposeOn(leader);
                if (result.IsAccepted)
                {
                    marker = _nextProposal - 1;
                    markerIndex = result.Index;
                    _markerTerm = result.Term;
                }
            }

            var members = Nodes.Values.Where(n => IsMember(n.Id)).ToList();
            if (markerIndex > 0 && members.All(n => n.Applied.Count >= markerIndex && n.Applied[(int)markerIndex - 1].Term == _markerTerm))
            {
                Checker.CheckAcknowledged(members);
                Verify();
                Count("liveness steps", i);
                return;
            }
        }

        throw new SimulationFailureException(_seed, _settings.Nodes, _step,
            $"liveness: no leader committed a new entry on every member within {_settings.LivenessSteps} fault-free steps " +
            $"(leader {CurrentLeader()?.Id ?? 0} with voters [{string.Join(",", CurrentLeader()?.Raft.Config.Voters ?? [])}] learners [{string.Join(",", CurrentLeader()?.Raft.Config.Learners ?? [])}]; " +
            $"nodes {string.Join(", ", Nodes.Values.Select(n => $"{n.Id}:{(n.IsDown ? "down" : n.Raft.Role.ToString())}/t{n.Raft.Term}/c{n.Raft.Status.Commit}/a{n.AppliedIndex}/last{n.Storage.LastIndex}/snap{n.Storage.Snapshot.Index}/lead{n.Raft.Leader}/v[{string.Join(",", n.Raft.Config.Voters)}]/l[{string.Join(",", n.Raft.Config.Learners)}]"))})");
    }

    private void Count(string what, int amount) => Stats[what] = Stats.GetValueOrDefault(what) + amount;

    private long _markerTerm;

    private TestNode? CurrentLeader() =>
        Nodes.Values.Where(n => !n.IsDown && n.Raft.Role == RaftRole.Leader).MaxBy(n => n.Raft.Term);
}
