using System.Net;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// A request body that sends its first bytes and then keeps the stream open until released, so a test can tell a node
/// that answers from the prefix alone from one that waits for (or buffers) the declared message.
/// </summary>
internal sealed class HeldOpenContent(byte[] first) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the request stream.</summary>
    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(first);
        await stream.FlushAsync();
        await _release.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
