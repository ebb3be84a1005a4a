namespace RaftTower.Client.Tests.Fakes;

/// <summary>The Tower calls a fake node holds since one <see cref="FakeNode.Hold"/>: none is answered before <see cref="Release"/>.</summary>
public sealed class HeldCalls
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
}
