using RaftTower.Raft.Core;

namespace RaftTower.Raft.Tests.Support;

/// <summary>
/// A deterministic cluster for unit tests: a FIFO network between <see cref="TestNode"/>s, with directed links that
/// can be cut, and helpers to run until quiet or to elect a chosen leader.
/// </summary>
public sealed class TestCluster
{
    private readonly Queue<Message> _network = new();
    private readonly HashSet<(ulong From, ulong To)> _cut = [];

    public TestCluster(int voters, Action<RaftOptions>? configure = null, ulong seed = 1)
    {
        var ids = Enumerable.Range(1, voters).Select(i => (ulong)i).ToArray();
        Configure = configure;
        foreach (var id in ids)
        {
            Nodes[id] = new TestNode(id, () => NewOptions(ids), seed + id);
        }
    }

    public Action<RaftOptions>? Configure { get; }

    public SortedDictionary<ulong, TestNode> Nodes { get; } = [];

    /// <summary>Every message put on the network, in order, for assertions.</summary>
    public List<Message> Sent { get; } = [];

    /// <summary>Messages for which this returns true are dropped.</summary>
    public Func<Message, bool>? Drop { get; set; }

    /// <summary>Rewrites a message in flight (null drops it).</summary>
    public Func<Message, Message?>? Transform { get; set; }

    public TestNode this[ulong id] => Nodes[id];

    public RaftOptions NewOptions(IReadOnlyList<ulong> initialVoters)
    {
        var options = new RaftOptions { InitialVoters = initialVoters, ElectionTicks = 10, HeartbeatTicks = 1 };
        Configure?.Invoke(options);
        return options;
    }

    /// <summary>Adds a node that joins an existing cluster (empty storage, no bootstrap configuration).</summary>
    public TestNode AddJoiningNode(ulong id)
    {
        var node = new TestNode(id, () => NewOptions([]), 1000 + id);
        Nodes[id] = node;
        return node;
    }

    public void Isolate(ulong id)
    {
        foreach (var other in Nodes.Keys.Where(o => o != id))
        {
            _cut.Add((id, other));
            _cut.Add((other, id));
        }
    }

    public void Cut(ulong from, ulong to) => _cut.Add((from, to));

    public void Heal() => _cut.Clear();

    /// <summary>Processes ready batches and delivers messages until nothing moves (bounded).</summary>
    public void Stabilize(int maxRounds = 10_000)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var moved = false;
            foreach (var node in Nodes.Values)
            {
                foreach (var message in node.Process())
                {
                    moved = true;
                    Sent.Add(message);
                    var delivered = Transform is null ? message : Transform(message);
                    if (delivered is not null && !_cut.Contains((message.From, message.To)) && Drop?.Invoke(message) != true && Nodes.ContainsKey(message.To))
                    {
                        _network.Enqueue(delivered);
                    }
                }
            }

            while (_network.TryDequeue(out var message))
            {
                moved = true;
                Nodes[message.To].Receive(message);
            }

            if (!moved)
            {
                return;
            }
        }

        throw new InvalidOperationException("The cluster did not become quiet.");
    }

    /// <summary>Ticks every live node once, then stabilizes.</summary>
    public void TickAll(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            foreach (var node in Nodes.Values.Where(n => !n.IsDown))
            {
                node.Raft.Tick();
            }

            Stabilize();
        }
    }

    /// <summary>Makes <paramref name="id"/> campaign (a few times if its term is behind) and run to the result.</summary>
    public TestNode Elect(ulong id)
    {
        Stabilize();
        for (var attempt = 0; attempt < 5 && Nodes[id].Raft.Role != RaftRole.Leader; attempt++)
        {
            Nodes[id].Raft.Campaign();
            Stabilize();
        }

        return Nodes[id];
    }

    /// <summary>
    /// A 3-node cluster whose node 1 was elected, then cut off while 2 and 3 ticked until one of them was elected in a
    /// newer term (node 1 still believes it leads). Returns the old and the new leader.
    /// </summary>
    public static (TestCluster Cluster, TestNode Old, TestNode Current) WithIsolatedOldLeader()
    {
        var cluster = new TestCluster(3);
        var old = cluster.Elect(1);
        cluster.Isolate(1);
        for (var i = 0; i < 40 && cluster.Nodes.Values.All(n => n.Id == 1 || n.Raft.Role != RaftRole.Leader); i++)
        {
            cluster[2].Raft.Tick();
            cluster[3].Raft.Tick();
            cluster.Stabilize();
        }

        return (cluster, old, cluster.Nodes.Values.Single(n => n.Id != 1 && n.Raft.Role == RaftRole.Leader));
    }

    public TestNode? Leader => Nodes.Values.Where(n => !n.IsDown && n.Raft.Role == RaftRole.Leader).MaxBy(n => n.Raft.Term);

    /// <summary>Proposes on <paramref name="leader"/> and stabilizes; returns the result.</summary>
    public ProposeResult Propose(TestNode leader, string text, long timestamp = 0)
    {
        var result = leader.Raft.Propose(System.Text.Encoding.UTF8.GetBytes(text), timestamp);
        Stabilize();
        return result;
    }

    /// <summary>Proposes <paramref name="count"/> entries one by one, stabilizing after each.</summary>
    public void ProposeMany(TestNode leader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Propose(leader, $"entry {i}");
        }
    }
}
