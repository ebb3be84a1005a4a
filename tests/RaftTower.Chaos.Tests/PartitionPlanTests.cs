using RaftTower.Chaos.Nemesis;

namespace RaftTower.Chaos.Tests;

public class PartitionPlanTests
{
    private static readonly ulong[] Five = [1, 2, 3, 4, 5];

    private static int Reach(PartitionPlan plan, ulong node, IReadOnlyList<ulong> ids) => ids.Count(other => plan.Connected(node, other));

    [Fact]
    public void Halves_split_the_nodes_into_a_minority_and_a_majority_that_cannot_talk()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var plan = PartitionPlan.For(FaultKind.PartitionHalves, Five, null, new Random(seed));
            var reach = Five.Select(n => Reach(plan, n, Five)).Order().ToList();
            Assert.Equal([2, 2, 3, 3, 3], reach);
            Assert.All(Five, a => Assert.All(Five, b => Assert.Equal(plan.Connected(a, b), plan.Connected(b, a))));
        }
    }

    [Fact]
    public void Isolating_the_leader_leaves_it_alone_and_the_rest_connected()
    {
        var plan = PartitionPlan.For(FaultKind.PartitionIsolateLeader, Five, 4, new Random(1));
        Assert.Equal(1, Reach(plan, 4, Five));
        Assert.All(Five.Where(n => n != 4), n => Assert.Equal(4, Reach(plan, n, Five)));
    }

    [Fact]
    public void In_a_majority_ring_every_node_sees_a_majority_but_no_two_see_the_same_one()
    {
        var plan = PartitionPlan.For(FaultKind.PartitionMajorityRing, Five, null, new Random(3));
        Assert.All(Five, n => Assert.Equal(3, Reach(plan, n, Five)));
        var views = Five.Select(n => string.Join(',', Five.Where(o => plan.Connected(n, o)))).ToHashSet();
        Assert.Equal(5, views.Count);
    }

    [Fact]
    public void A_bridge_node_sees_everyone_while_the_two_sides_do_not_see_each_other()
    {
        foreach (var ids in new[] { Five, [1UL, 2, 3] })
        {
            var plan = PartitionPlan.For(FaultKind.PartitionBridge, ids, null, new Random(5));
            var bridge = Assert.Single(ids, n => Reach(plan, n, ids) == ids.Length);
            Assert.All(ids.Where(n => n != bridge), n => Assert.Equal((ids.Length + 1) / 2, Reach(plan, n, ids)));
            Assert.Contains($"via {bridge}", plan.Name, StringComparison.Ordinal);
        }
    }
}
