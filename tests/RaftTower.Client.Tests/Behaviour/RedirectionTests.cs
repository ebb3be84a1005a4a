using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Behaviour;

/// <summary>Leader discovery: NOT_LEADER's leader_hint and Cluster.Status both lead the client to the leader.</summary>
public sealed class RedirectionTests : IAsyncLifetime
{
    private FakeNode _follower = null!;
    private FakeNode _leader = null!;

    public async Task InitializeAsync()
    {
        _follower = await FakeNode.StartAsync();
        _leader = await FakeNode.StartAsync();
        _follower.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse
        {
            Error = new Error { Code = ErrorCode.NotLeader, LeaderHint = _leader.Address, Term = 7 },
        }));
        _leader.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { Int = 5 } }));
    }

    public async Task DisposeAsync()
    {
        await _follower.DisposeAsync();
        await _leader.DisposeAsync();
    }

    [Fact]
    public async Task Not_leader_redirects_to_the_hinted_leader_with_the_same_header()
    {
        await using var client = new TowerClient(_follower.Address);

        var value = await client.AddIntAsync("counter", 5);

        Assert.Equal(5, value);
        var first = Assert.Single(_follower.Received);
        var second = Assert.Single(_leader.Received);
        Assert.Equal(first.Header, second.Header);
        Assert.Equal(client.ClientId, second.Header.ClientId);
        Assert.Equal(first, second);
        Assert.Equal(_leader.Endpoint, client.KnownLeader);
    }

    [Fact]
    public async Task Later_calls_go_straight_to_the_learned_leader()
    {
        await using var client = new TowerClient(_follower.Address);
        await client.AddIntAsync("counter", 5);

        await client.AddIntAsync("counter", 5);
        await client.GetIntAsync("counter");

        Assert.Single(_follower.Received);
        Assert.Equal(3, _leader.Received.Count);
    }

    [Fact]
    public async Task Cluster_status_from_a_follower_teaches_the_client_the_leader()
    {
        _follower.Status = () => new StatusResponse
        {
            NodeId = 1,
            LeaderId = 2,
            LeaderClientAddress = _leader.Address,
            Term = 4,
            CommitIndex = 100,
            AppliedIndex = 99,
            Role = Wire.MemberRole.Follower,
            Members =
            {
                new Member { Id = 1, PeerAddress = "127.0.0.1:7201", ClientAddress = _follower.Address, Role = Wire.MemberRole.Follower, MatchIndex = 90 },
                new Member { Id = 2, PeerAddress = "127.0.0.1:7202", ClientAddress = _leader.Address, Role = Wire.MemberRole.Leader, MatchIndex = 100 },
                new Member { Id = 3, PeerAddress = "127.0.0.1:7203", ClientAddress = "http://127.0.0.1:7103", Learner = true, Role = Wire.MemberRole.Learner },
            },
        };
        await using var client = new TowerClient(_follower.Address);

        var status = await client.GetClusterStatusAsync();
        await client.GetIntAsync("k");

        Assert.Equal((1UL, 2UL, 4UL, 100UL, 99UL), (status.NodeId, status.LeaderId, status.Term, status.CommitIndex, status.AppliedIndex));
        Assert.Equal(Client.MemberRole.Follower, status.Role);
        Assert.Equal(_leader.Address, status.LeaderAddress);
        Assert.Equal([Client.MemberRole.Follower, Client.MemberRole.Leader, Client.MemberRole.Learner], status.Members.Select(m => m.Role));
        Assert.True(status.Members[2].IsLearner);
        Assert.Equal(10UL, status.LagOf(status.Members[0]));
        Assert.Null(status.LagOf(status.Members[2]));
        Assert.Empty(_follower.Received);
        Assert.Single(_leader.Received);
    }

    [Fact]
    public async Task Membership_change_sent_to_a_follower_is_redirected_to_the_leader()
    {
        _follower.Membership = (_, _) => new ClusterResponse { Error = new Error { Code = ErrorCode.NotLeader, LeaderHint = _leader.Address } };
        await using var client = new TowerClient(_follower.Address);

        await client.AddMemberAsync(4, "10.0.0.4:7200", "http://10.0.0.4:7101", asLearner: true);
        await client.PromoteMemberAsync(4);
        await client.TransferLeadershipAsync(4);
        await client.RemoveMemberAsync(2);

        Assert.Single(_follower.ClusterCalls);
        var calls = _leader.ClusterCalls.ToArray();
        Assert.Equal(["AddMember", "PromoteMember", "TransferLeadership", "RemoveMember"], calls.Select(c => c.Method));
        Assert.Equal(new AddMemberRequest { Id = 4, PeerAddress = "10.0.0.4:7200", ClientAddress = "http://10.0.0.4:7101", AsLearner = true }, calls[0].Request);
        Assert.Equal(new PromoteMemberRequest { Id = 4 }, calls[1].Request);
        Assert.Equal(new TransferLeadershipRequest { Id = 4 }, calls[2].Request);
        Assert.Equal(new RemoveMemberRequest { Id = 2 }, calls[3].Request);
    }

    [Fact]
    public async Task Membership_refusal_is_a_tower_error_with_the_nodes_message()
    {
        _leader.Membership = (_, _) => new ClusterResponse { Error = new Error { Code = ErrorCode.NotFound, Message = "no member 9" } };
        await using var client = new TowerClient(_leader.Address);

        var error = await Assert.ThrowsAsync<TowerOperationException>(() => client.RemoveMemberAsync(9));

        Assert.Equal(TowerErrorCode.NotFound, error.Code);
        Assert.Contains("no member 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_naming_each_other_as_leader_end_in_a_bounded_failure_not_a_spin()
    {
        _leader.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse
        {
            Error = new Error { Code = ErrorCode.NotLeader, LeaderHint = _follower.Address },
        }));
        await using var client = new TowerClient(new TowerClientOptions { Endpoints = [_follower.Address], MaxAttempts = 6, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.SetIntAsync("k", 1));

        Assert.Equal(TowerErrorCode.Unavailable, error.Code);
        Assert.False(error.MayHaveBeenApplied);
        Assert.InRange(error.Diagnostics!.Attempts, 6, 12);
        Assert.True(error.Diagnostics.Redirects > 0);
    }
}
