using System.Text.Json;
using RaftTower.Chaos.History;
using RaftTower.Client;

namespace RaftTower.Chaos.Workloads;

/// <summary>
/// One logical client: a <see cref="TowerClient"/> of its own (its own exactly-once session) whose every operation is
/// recorded. An error that says the operation was certainly not applied records ok=false (a refused cas is left out of
/// the history instead, since ok=false on a cas means "compared unequal"); any other failure is indeterminate.
/// </summary>
internal sealed class RecordingClient(long id, TowerClient client, HistoryRecorder recorder) : IAsyncDisposable
{
    /// <summary>The logical client id written in the history.</summary>
    public long Id => id;

    /// <summary>Invokes <paramref name="call"/>, recording it; returns true when it completed ok.</summary>
    public async Task<bool> RunAsync(OpKind kind, string key, string? value, string? expected, Func<TowerClient, Task<(bool Ok, string? Output)>> call)
    {
        var handle = recorder.Invoke(id, kind, key, value, expected);
        try
        {
            var (ok, output) = await call(client).ConfigureAwait(false);
            recorder.Complete(handle, ok, output);
            return ok;
        }
        catch (TowerException e) when (!e.MayHaveBeenApplied)
        {
            if (kind == OpKind.Cas)
            {
                recorder.Discard(handle);
            }
            else
            {
                recorder.Complete(handle, ok: false, meta: Error(e));
            }
        }
        catch (Exception e) when (e is TowerException or OperationCanceledException or HttpRequestException or IOException)
        {
            recorder.Indeterminate(handle, Error(e));
        }

        return false;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => client.DisposeAsync();

    private static JsonElement Error(Exception e) => JsonSerializer.SerializeToElement(new { error = e.GetType().Name, message = e.Message });
}
