using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Workloads;

/// <summary>AddInt of small positive deltas on one key (the value each add reports is recorded), a few reads, a final read.</summary>
internal sealed class CounterWorkload : IWorkload
{
    private const string Key = "counter";

    public async Task StepAsync(RecordingClient client, Random random)
    {
        if (random.Next(10) == 0)
        {
            await ReadAsync(client).ConfigureAwait(false);
            return;
        }

        var delta = random.Next(1, 6);
        await client.RunAsync(OpKind.Add, Key, delta.ToString(CultureInfo.InvariantCulture), null, async c =>
            (true, (await c.AddIntAsync(Key, delta).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
    }

    public Task<bool> FinalReadsAsync(RecordingClient client) => FinalRead.RetryAsync(() => ReadAsync(client));

    private static Task<bool> ReadAsync(RecordingClient client) => client.RunAsync(OpKind.Get, Key, null, null, async c =>
        (true, (await c.GetIntAsync(Key).ConfigureAwait(false))?.ToString(CultureInfo.InvariantCulture)));
}
