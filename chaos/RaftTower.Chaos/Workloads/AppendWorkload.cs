using System.Globalization;
using System.Text.Json;
using RaftTower.Chaos.History;
using RaftTower.Client;

namespace RaftTower.Chaos.Workloads;

/// <summary>PushRight of unique elements on list keys rotated every 200 operations, ListRange reads, a final read of every list.</summary>
internal sealed class AppendWorkload : IWorkload
{
    private readonly KeyRotation _keys = new("l", 2, 200);
    private long _next;

    public async Task StepAsync(RecordingClient client, Random random)
    {
        var key = _keys.Next(random);
        if (random.Next(4) == 0)
        {
            await ReadAsync(client, key).ConfigureAwait(false);
            return;
        }

        var element = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        await client.RunAsync(OpKind.ListPush, key, element, null, async c =>
        {
            await c.PushRightAsync(key, TowerValue.FromString(element)).ConfigureAwait(false);
            return (true, null);
        }).ConfigureAwait(false);
    }

    public async Task<bool> FinalReadsAsync(RecordingClient client)
    {
        var all = true;
        foreach (var key in _keys.Used)
        {
            all &= await FinalRead.RetryAsync(() => ReadAsync(client, key)).ConfigureAwait(false);
        }

        return all;
    }

    private static Task<bool> ReadAsync(RecordingClient client, string key) => client.RunAsync(OpKind.ListRange, key, null, null, async c =>
        (true, JsonSerializer.Serialize((await c.ListRangeAsync(key, 0, -1).ConfigureAwait(false)).Select(v => v.AsString()))));
}
