namespace RaftTower.Client.Tests.Fakes;

/// <summary>One fake node shared by the tests of a class (xunit runs them one at a time).</summary>
public sealed class FakeNodeFixture : IAsyncLifetime
{
    public FakeNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
