using RaftTower.Client.Internal;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>Which node the client believes leads, and how an answered operation may teach it.</summary>
public sealed class EndpointSelectorTests
{
    private static readonly Uri A = new("http://127.0.0.1:7101");
    private static readonly Uri B = new("http://127.0.0.1:7102");

    [Fact]
    public void A_node_that_answered_becomes_the_leader_only_while_none_is_known()
    {
        var selector = new EndpointSelector([A, B]);
        Assert.Null(selector.Leader);

        selector.Served(A);
        Assert.Equal(A, selector.Leader);

        // A fresher NOT_LEADER hint names B; a late answer from A (sent before it stepped down) must not undo it.
        Assert.True(selector.TryFollow(B.ToString(), out _));
        selector.Served(A);
        Assert.Equal(B, selector.Leader);

        // B fails (the attempt went to the selector's own Uri for it): no leader is known again, and the next node
        // that answers becomes it.
        selector.MoveAwayFrom(selector.Current);
        Assert.Null(selector.Leader);
        selector.Served(A);
        Assert.Equal(A, selector.Leader);
    }
}
