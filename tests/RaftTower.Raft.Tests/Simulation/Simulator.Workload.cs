using System.Buffers.Binary;
using System.Text;
using RaftTower.Raft.Core;
using RaftTower.Raft.Tests.Support;

namespace RaftTower.Raft.Tests.Simulation;

/// <summary>The simulated clients (proposals, reads, transfers, membership changes) and the nemesis (crashes, partitions).</summary>
public sealed partial class Simulator
{
    private readonly Dictionary<(ulong Node, long Index, long Term), bool> _proposals = [];
    private readonly Dictionary<string, long> _reads = [];
    private ulong _nextProposal = 1;
    private ulong _nextNodeId;
    private int _nextRead;
    private ulong _nextConfirmId;

    private void OnApply(TestNode node, Entry entry)
    {
        Checker.OnApply(node, entry);
        if (_proposals.Remove((node.Id, entry.Index, entry.Term)))
        {
            Count("acknowledged");
            Checker.Acknowledge(node.Applied[^1]);
        }
    }

    private bool IsMember(ulong id)
    {
        var reference = CurrentLeader() ?? Nodes.Values.Where(n => !n.IsDown).MaxBy(n => (n.Raft.Status.Commit, n.Id));
        return reference is null || reference.Raft.Config.Contains(id);
    }

    private List<TestNode> Live => Nodes.Values.Where(n => !n.IsDown).ToList();

    private ProposeResult ProposeOn(TestNode node)
    {
        var count = 1 + _random.NextInt(3);
        var payloads = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < count; i++)
        {
            var data = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(data, _nextProposal++);
            payloads.Add(data);
        }

        // Proposed timestamps sometimes go backwards: the leader must still keep log time monotonic.
        var timestamp = (_step * 100L) - _random.NextInt(500);
        var result = node.Raft.ProposeBatch(payloads, timestamp);
        if (result.IsAccepted)
        {
            Count("proposed");
            for (var i = 0; i < count; i++)
            {
                _proposals[(node.Id, result.Index + i, result.Term)] = true;
            }
        }

        return result;
    }

    private void Workload(bool faults)
    {
        var live = Live;
        if (live.Count == 0)
        {
            return;
        }

        if (Chance(_settings.Propose))
        {
            ProposeOn(CurrentLeader() is { } leader && Chance(0.8) ? leader : Pick(live));
        }

        if (Chance(_settings.Read))
        {
            var node = Pick(live);
            var key = $"r{_nextRead++}";
            var bound = Nodes.Values.Where(n => !n.IsDown).Max(n => n.Raft.Status.Commit);
            // Half the reads are follower-confirmed: a fresh id, and confirmations asked of some other nodes now,
            // after the read was invoked, as a client does (the messages then face the same faults as any other).
            var confirmId = Chance(0.5) ? ++_nextConfirmId : 0;
            if (node.Raft.ReadIndex(Encoding.UTF8.GetBytes(key), confirmId).Status == ReadIndexStatus.Accepted)
            {
                Count("read asked");
                _reads[key] = Math.Max(bound, Checker.MaxCommitted);
                foreach (var other in live.Where(n => n != node && confirmId != 0 && Chance(0.7)))
                {
                    Count(other.Raft.ConfirmRead(confirmId) ? "read confirm sent" : "read confirm refused");
                }
            }
        }

        if (!faults)
        {
            return;
        }

        if (Chance(_settings.Transfer) && CurrentLeader() is { } current)
        {
            var voters = current.Raft.Config.Voters.Where(v => v != current.Id).ToList();
            if (voters.Count > 0 && current.Raft.TransferLeadership(Pick(voters)) == TransferStatus.Started)
            {
                Count("transfer");
            }
        }

        if (Chance(_settings.MembershipChange) && CurrentLeader() is { } changer)
        {
            ChangeMembership(changer);
        }
    }

    private void ChangeMembership(TestNode leader)
    {
        var config = leader.Raft.Config;
        MembershipChange change;
        var choice = _random.NextInt(3);
        if (choice == 0 && config.Voters.Count + config.Learners.Count < _settings.Nodes + 2)
        {
            change = new MembershipChange(MembershipChangeKind.AddLearner, _nextNodeId);
        }
        else if (choice == 1 && config.Learners.Count > 0)
        {
            change = new MembershipChange(MembershipChangeKind.PromoteLearner, Pick(config.Learners));
        }
        else if (config.Learners.Count > 0 || config.Voters.Count > 2)
        {
            var candidates = config.Learners.Count > 0 && (config.Voters.Count <= 2 || Chance(0.5)) ? config.Learners : config.Voters;
            change = new MembershipChange(MembershipChangeKind.Remove, Pick(candidates));
        }
        else
        {
            return;
        }

        var result = leader.Raft.ProposeConfigChange(change, _step * 100L);
        Count($"config {change.Kind} {result.Status}");
        if (result.IsAccepted && change.Kind == MembershipChangeKind.AddLearner)
        {
            AddNode(_nextNodeId++, []);
        }
    }

    private void Faults()
    {
        var live = Live;
        if (Chance(_settings.Crash) && live.Count > 0)
        {
            var victim = Pick(live);
            victim.Crash();
            Count("crash");
        }

        var down = Nodes.Values.Where(n => n.IsDown).ToList();
        if (down.Count > 0 && Chance(_settings.Restart))
        {
            Restart(Pick(down));
        }

        if (Chance(_settings.Partition))
        {
            Partition();
        }

        if (Chance(_settings.Heal) && _cut.Count > 0)
        {
            _cut.Clear();
            Count("heal");
        }

        if (Chance(_settings.Snapshot) && live.Count > 0 && Pick(live).TakeSnapshot())
        {
            Count("snapshot");
        }
    }

    private void Partition()
    {
        _cut.Clear();
        var ids = Nodes.Keys.ToList();
        if (Chance(0.3))
        {
            // One-way link failures.
            for (var i = 0; i < ids.Count; i++)
            {
                var from = Pick(ids);
                var to = Pick(ids);
                if (from != to)
                {
                    _cut.Add((from, to));
                }
            }

            Count("link cuts");
            return;
        }

        var side = ids.Where(_ => Chance(0.5)).ToHashSet();
        foreach (var a in ids)
        {
            foreach (var b in ids)
            {
                if (side.Contains(a) != side.Contains(b))
                {
                    _cut.Add((a, b));
                }
            }
        }

        Count("partition");
    }

    private void Restart(TestNode node)
    {
        node.Restart();
        Checker.OnRestart(node);
        Count("restart");
    }
}
