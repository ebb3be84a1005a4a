using RaftTower.Client.Tests.Fakes;
using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Operations;

/// <summary>Each client method sends the right op and fields and decodes the node's result (table: <see cref="OperationCases"/>).</summary>
public sealed class TowerClientOperationTests : IClassFixture<FakeNodeFixture>
{
    private readonly FakeNodeFixture _fixture;

    public TowerClientOperationTests(FakeNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [MemberData(nameof(OperationCases.Names), MemberType = typeof(OperationCases))]
    public async Task Method_sends_its_op_and_decodes_the_result(string name)
    {
        var @case = OperationCases.All[name];
        var node = _fixture.Node;
        node.Received.Clear();
        node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = @case.Reply }));
        await using var client = new TowerClient(node.Address);

        var returned = await @case.Invoke(client);

        Assert.Equal(@case.Returns, returned);
        var received = Assert.Single(node.Received);
        var header = received.Header;
        received.Header = null;
        Assert.Equal(@case.Expected, received);
        if (@case.IsWrite)
        {
            Assert.Equal(client.ClientId, header.ClientId);
            Assert.Equal(1UL, header.Sequence);
            Assert.Equal(1UL, header.AckedBelow);
        }
        else
        {
            Assert.Null(header);
        }
    }

    [Fact]
    public void Table_covers_every_public_operation_of_the_client()
    {
        var operations = typeof(TowerClient).GetMethods()
            .Where(m => m.DeclaringType == typeof(TowerClient) && m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name != nameof(TowerClient.DisposeAsync))
            .Select(m => m.Name)
            .Where(n => !n.Contains("Member", StringComparison.Ordinal) || n.StartsWith("Set", StringComparison.Ordinal) || n.StartsWith("Map", StringComparison.Ordinal))
            .Where(n => n is not (nameof(TowerClient.GetClusterStatusAsync) or nameof(TowerClient.TransferLeadershipAsync)))
            .ToHashSet(StringComparer.Ordinal);
        var covered = OperationCases.All.Keys.Select(k => k.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(operations.Except(covered));
        Assert.True(operations.Count >= 140, $"only {operations.Count} operations found");
    }

    [Fact]
    public async Task Result_of_the_wrong_kind_is_an_internal_error_naming_the_operation()
    {
        var node = _fixture.Node;
        node.Execute = (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse { Result = new Result { String = "oops" } }));
        await using var client = new TowerClient(node.Address);

        var error = await Assert.ThrowsAsync<TowerConnectionException>(() => client.AddIntAsync("k", 1));

        Assert.Equal(TowerErrorCode.Internal, error.Code);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Contains("AddIntAsync", error.Message, StringComparison.Ordinal);
    }
}
