using System.Globalization;
using System.Text.Json;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Workloads;

/// <summary>SetAdd of unique elements on one key, an occasional SetMembers, and a final SetMembers.</summary>
internal sealed class SetWorkload : IWorkload
{
    private const string Key = "set";
    private long _next;

    public async Task StepAsync(RecordingClient client, Random random)
    {
        if (random.Next(20) == 0)
        {
            await ReadAsync(client).ConfigureAwait(false);
            return;
        }

        var element = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        await client.RunAsync(OpKind.SetAdd, Key, element, null, async c =>
        {
            await c.SetAddAsync(Key, element).ConfigureAwait(false);
            return (true, null);
        }).ConfigureAwait(false);
    }

    public Task<bool> FinalReadsAsync(RecordingClient client) => FinalRead.RetryAsync(() => ReadAsync(client));

    private static Task<bool> ReadAsync(RecordingClient client) => client.RunAsync(OpKind.SetMembers, Key, null, null, async c =>
        (true, JsonSerializer.Serialize(await c.SetMembersAsync(Key).ConfigureAwait(false))));
}
