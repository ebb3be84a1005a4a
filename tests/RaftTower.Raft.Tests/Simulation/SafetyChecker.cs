using System.Text;
using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Simulation;

/// <summary>
/// The Raft invariants, checked incrementally: election safety, log matching (hash chains over every log ever
/// written), leader completeness, state machine safety, monotonic commit/apply, no acknowledged entry lost,
/// linearizable ReadIndex, monotonic log time.
/// </summary>
public sealed class SafetyChecker
{
    private readonly Dictionary<long, ulong> _leaderOfTerm = [];
    private readonly Dictionary<(long Index, long Term), ulong> _chainOf = [];
    private readonly Dictionary<ulong, List<ulong>> _chains = [];
    private readonly Dictionary<long, AppliedEntry> _committed = [];
    private readonly Dictionary<ulong, (long Commit, long Applied, long DurableCommit)> _progress = [];
    private readonly HashSet<(ulong Node, long Term)> _leadersChecked = [];

    /// <summary>Entries acknowledged to clients: applied by the node that accepted the proposal.</summary>
    public SortedDictionary<long, AppliedEntry> Acknowledged { get; } = [];

    public long MaxCommitted { get; private set; }

    public string? Violation { get; private set; }

    private void Fail(string message) => Violation ??= message;

    /// <summary>Log matching: an entry's chain value (its whole prefix) is the same in every log that holds it.</summary>
    public void OnAppend(TestNode node, IReadOnlyList<Entry> entries)
    {
        var chain = ChainOf(node.Id);
        var first = entries[0].Index;
        if (first > chain.Count)
        {
            Fail($"node {node.Id} appended at {first} beyond its chain {chain.Count - 1}");
            return;
        }

        chain.RemoveRange((int)first, chain.Count - (int)first);
        foreach (var entry in entries)
        {
            var value = Mix(chain[^1], entry.Index, entry.Term, TestNode.Hash(entry.Data.Span));
            chain.Add(value);
            if (_chainOf.TryGetValue((entry.Index, entry.Term), out var known))
            {
                if (known != value)
                {
                    Fail($"log matching: node {node.Id} holds ({entry.Index}, t{entry.Term}) with a different prefix or payload");
                }
            }
            else
            {
                _chainOf[(entry.Index, entry.Term)] = value;
            }
        }
    }

    public void OnSnapshotInstalled(TestNode node, SnapshotMetadata snapshot)
    {
        var chain = ChainOf(node.Id);
        if (!_chainOf.TryGetValue((snapshot.Index, snapshot.Term), out var value))
        {
            Fail($"node {node.Id} installed a snapshot at ({snapshot.Index}, t{snapshot.Term}) that no log ever held");
            return;
        }

        if (chain.Count > snapshot.Index + 1)
        {
            chain.RemoveRange((int)snapshot.Index + 1, chain.Count - (int)snapshot.Index - 1);
        }

        while (chain.Count <= snapshot.Index)
        {
            chain.Add(0);
        }

        chain[(int)snapshot.Index] = value;
        var applied = node.Applied;
        if (applied.Count != snapshot.Index || (applied.Count > 0 && _committed.TryGetValue(applied[^1].Index, out var known) && known != applied[^1]))
        {
            Fail($"node {node.Id} restored a snapshot whose state does not match the committed log at {snapshot.Index}");
        }
    }

    /// <summary>After a restart: the chain follows what storage kept.</summary>
    public void OnRestart(TestNode node)
    {
        var storage = node.Storage;
        var chain = ChainOf(node.Id);
        chain.Clear();
        chain.Add(0);
        var snapshot = storage.Snapshot;
        if (snapshot.Index > 0)
        {
            while (chain.Count <= snapshot.Index)
            {
                chain.Add(0);
            }

            chain[(int)snapshot.Index] = _chainOf.GetValueOrDefault((snapshot.Index, snapshot.Term));
        }

        if (storage.LastIndex >= storage.FirstIndex)
        {
            OnAppend(node, storage.Entries(storage.FirstIndex, storage.LastIndex + 1));
        }

        var durable = storage.HardState.Commit;
        if (_progress.TryGetValue(node.Id, out var before) && durable < before.DurableCommit)
        {
            Fail($"node {node.Id} restarted with durable commit {durable} below {before.DurableCommit}");
        }

        _progress[node.Id] = (node.Raft.Status.Commit, node.Raft.Status.Applied, Math.Max(durable, before.DurableCommit));
    }

    /// <summary>State machine safety and monotonic log time, per applied entry.</summary>
    public void OnApply(TestNode node, Entry entry)
    {
        var applied = node.Applied[^1];
        if (_committed.TryGetValue(entry.Index, out var known))
        {
            if (known != applied)
            {
                Fail($"state machine safety: node {node.Id} applied {applied} but {known} was applied elsewhere");
            }
        }
        else
        {
            _committed[entry.Index] = applied;
            MaxCommitted = Math.Max(MaxCommitted, entry.Index);
        }

        if (node.Applied.Count > 1 && node.Applied[^2].Timestamp > applied.Timestamp)
        {
            Fail($"log time went backwards at node {node.Id} index {entry.Index}");
        }
    }

    public void Acknowledge(AppliedEntry entry)
    {
        if (!_committed.TryGetValue(entry.Index, out var known) || known != entry)
        {
            Fail($"acknowledged entry {entry} is not the committed entry at its index");
        }

        Acknowledged[entry.Index] = entry;
    }

    /// <summary>Checks run after every step over every node.</summary>
    public void AfterStep(IEnumerable<TestNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.IsDown)
            {
                continue;
            }

            var status = node.Raft.Status;
            if (status.Role == RaftRole.Leader)
            {
                if (_leaderOfTerm.TryGetValue(status.Term, out var other) && other != node.Id)
                {
                    Fail($"election safety: nodes {other} and {node.Id} both lead term {status.Term}");
                }

                _leaderOfTerm[status.Term] = node.Id;
                if (_leadersChecked.Add((node.Id, status.Term)))
                {
                    CheckLeaderCompleteness(node, status.Term);
                }
            }

            var durable = node.Storage.HasUnsyncedChanges ? 0 : node.Storage.HardState.Commit;
            if (_progress.TryGetValue(node.Id, out var before))
            {
                if (status.Commit < before.Commit || status.Applied < before.Applied || (durable != 0 && durable < before.DurableCommit))
                {
                    Fail($"node {node.Id}: commit/apply went backwards ({before.Commit}/{before.Applied} -> {status.Commit}/{status.Applied})");
                }
            }

            _progress[node.Id] = (status.Commit, status.Applied, Math.Max(durable, before.DurableCommit));
            if (status.Applied != node.AppliedIndex)
            {
                Fail($"node {node.Id}: core applied {status.Applied} but the state machine holds {node.AppliedIndex}");
            }
        }
    }

    /// <summary>Leader completeness (§5.4): a new leader's log holds every entry committed so far.</summary>
    private void CheckLeaderCompleteness(TestNode leader, long term)
    {
        var storage = leader.Storage;
        foreach (var (index, entry) in _committed)
        {
            if (index < storage.Snapshot.Index)
            {
                continue;
            }

            if (index > storage.LastIndex || storage.Term(index) != entry.Term)
            {
                Fail($"leader completeness: node {leader.Id}, leader of term {term}, lacks committed entry {entry}");
                return;
            }
        }
    }

    /// <summary>Linearizable reads: the read index covers everything committed anywhere before the read was asked.</summary>
    public void OnReadState(TestNode node, ReadState read, IDictionary<string, long> requests)
    {
        var key = Encoding.UTF8.GetString(read.Context.Span);
        if (!requests.Remove(key, out var bound))
        {
            return; // Answered twice (a duplicated message): the first answer counted.
        }

        if (read.Index < bound)
        {
            Fail($"stale read: node {node.Id} got read index {read.Index} for {key}, but {bound} was committed before it was asked");
        }
    }

    /// <summary>At the end: every acknowledged entry is applied, unchanged, on every live member that applied that far.</summary>
    public void CheckAcknowledged(IEnumerable<TestNode> members)
    {
        foreach (var node in members)
        {
            foreach (var (index, entry) in Acknowledged)
            {
                if (index <= node.Applied.Count && node.Applied[(int)index - 1] != entry)
                {
                    Fail($"acknowledged entry {entry} lost on node {node.Id}");
                    return;
                }
            }
        }
    }

    private List<ulong> ChainOf(ulong id)
    {
        if (!_chains.TryGetValue(id, out var chain))
        {
            chain = [0];
            _chains[id] = chain;
        }

        return chain;
    }

    private static ulong Mix(ulong previous, long index, long term, ulong dataHash)
    {
        var z = previous ^ ((ulong)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)term * 0xC2B2AE3D27D4EB4FUL) ^ dataHash;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
