using System.Text.Json;
using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;

namespace RaftTower.Cli.Tests;

/// <summary><c>status</c>, <c>member</c> and <c>transfer-leader</c> against the scripted fake node.</summary>
public sealed class CliClusterTests : IAsyncLifetime
{
    private FakeNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _node.Status = () => new StatusResponse
        {
            NodeId = 1,
            LeaderId = 1,
            LeaderClientAddress = _node.Address,
            Term = 9,
            CommitIndex = 120,
            AppliedIndex = 118,
            Role = MemberRole.Leader,
            Members =
            {
                new Member { Id = 1, PeerAddress = "10.0.0.1:7201", ClientAddress = _node.Address, Role = MemberRole.Leader, MatchIndex = 120 },
                new Member { Id = 2, PeerAddress = "10.0.0.2:7201", ClientAddress = "http://10.0.0.2:7101", Role = MemberRole.Follower, MatchIndex = 100 },
                new Member { Id = 3, PeerAddress = "10.0.0.3:7201", ClientAddress = "http://10.0.0.3:7101", Role = MemberRole.Unreachable },
            },
        };
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Status_prints_term_indices_and_a_row_per_member_with_lag()
    {
        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("term 9", run.Output, StringComparison.Ordinal);
        Assert.Contains("commit 120", run.Output, StringComparison.Ordinal);
        Assert.Contains("applied 118", run.Output, StringComparison.Ordinal);
        var follower = run.Output.Split('\n').Single(l => l.Contains("10.0.0.2:7201", StringComparison.Ordinal));
        Assert.Contains("follower", follower, StringComparison.Ordinal);
        Assert.Contains("20", follower, StringComparison.Ordinal);
        Assert.Contains(run.Output.Split('\n'), l => l.Contains("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_as_json_lists_members_with_lag()
    {
        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "status", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(("leader", 9L), (root.GetProperty("role").GetString(), root.GetProperty("term").GetInt64()));
        var members = root.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal([0L, 20L], members.Take(2).Select(m => m.GetProperty("lag").GetInt64()));
        Assert.Equal(JsonValueKind.Null, members[2].GetProperty("lag").ValueKind);
    }

    [Fact]
    public async Task Member_commands_send_the_membership_rpcs()
    {
        var add = await CliRun.InvokeAsync(null, "-e", _node.Address, "member", "add", "4", "10.0.0.4:7201", "http://10.0.0.4:7101", "--learner");
        var promote = await CliRun.InvokeAsync(null, "-e", _node.Address, "member", "promote", "4");
        var transfer = await CliRun.InvokeAsync(null, "-e", _node.Address, "transfer-leader", "4");
        var remove = await CliRun.InvokeAsync(null, "-e", _node.Address, "member", "remove", "1");

        Assert.All([add, promote, transfer, remove], r => Assert.Equal((0, "OK"), (r.ExitCode, r.Output.Trim())));
        var calls = _node.ClusterCalls.ToArray();
        Assert.Equal(new AddMemberRequest { Id = 4, PeerAddress = "10.0.0.4:7201", ClientAddress = "http://10.0.0.4:7101", AsLearner = true }, calls[0].Request);
        Assert.Equal(new PromoteMemberRequest { Id = 4 }, calls[1].Request);
        Assert.Equal(new TransferLeadershipRequest { Id = 4 }, calls[2].Request);
        Assert.Equal(new RemoveMemberRequest { Id = 1 }, calls[3].Request);
    }

    [Fact]
    public async Task Member_id_that_is_not_a_number_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(null, "-e", _node.Address, "member", "remove", "three");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(_node.ClusterCalls);
    }
}
