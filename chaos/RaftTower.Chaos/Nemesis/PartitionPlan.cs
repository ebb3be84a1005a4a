namespace RaftTower.Chaos.Nemesis;

/// <summary>Which nodes still reach each other under a partition fault (symmetric; every node reaches itself).</summary>
internal sealed class PartitionPlan
{
    private readonly HashSet<(ulong, ulong)> _connected = [];

    private PartitionPlan(string name) => Name = name;

    /// <summary>What the report calls it, e.g. "partition halves [1] [2 3]".</summary>
    public string Name { get; private set; }

    /// <summary>True when <paramref name="from"/> may talk to <paramref name="to"/>.</summary>
    public bool Connected(ulong from, ulong to) => from == to || _connected.Contains((from, to));

    /// <summary>The plan for a partition <paramref name="fault"/> over <paramref name="ids"/>; <paramref name="leader"/> is isolated by PartitionIsolateLeader (a random node when null).</summary>
    public static PartitionPlan For(FaultKind fault, IReadOnlyList<ulong> ids, ulong? leader, Random random)
    {
        var shuffled = ids.OrderBy(_ => random.Next()).ToList();
        var plan = new PartitionPlan(string.Empty);
        switch (fault)
        {
            case FaultKind.PartitionHalves:
                plan.Sides("halves", shuffled[..(ids.Count / 2)], shuffled[(ids.Count / 2)..]);
                break;
            case FaultKind.PartitionIsolateLeader:
                var alone = leader is { } l && ids.Contains(l) ? l : shuffled[0];
                plan.Sides("isolate-leader", [alone], [.. ids.Where(id => id != alone)]);
                break;
            case FaultKind.PartitionMajorityRing:
                // Each node sees itself and its ring neighbours within reach: a majority, but a different one per node.
                var reach = (ids.Count / 2 + 1) / 2;
                for (var i = 0; i < shuffled.Count; i++)
                {
                    for (var j = 0; j < shuffled.Count; j++)
                    {
                        var distance = Math.Abs(i - j);
                        if (i != j && Math.Min(distance, shuffled.Count - distance) <= reach)
                        {
                            plan._connected.Add((shuffled[i], shuffled[j]));
                        }
                    }
                }

                plan.Name = $"partition majority-ring [{string.Join(' ', shuffled)}]";
                break;
            case FaultKind.PartitionBridge:
                var half = (ids.Count - 1) / 2;
                var bridge = shuffled[half];
                plan.Sides("bridge", [.. shuffled[..half], bridge], [bridge, .. shuffled[(half + 1)..]]);
                plan.Name += $" via {bridge}";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "not a partition");
        }

        return plan;
    }

    private void Sides(string kind, IReadOnlyList<ulong> left, IReadOnlyList<ulong> right)
    {
        foreach (var side in new[] { left, right })
        {
            foreach (var a in side)
            {
                foreach (var b in side.Where(b => b != a))
                {
                    _connected.Add((a, b));
                }
            }
        }

        Name = $"partition {kind} [{string.Join(' ', left)}] [{string.Join(' ', right)}]";
    }
}
