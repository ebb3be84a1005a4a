using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Workloads;

/// <summary>get / put / cas on a few string keys, rotated every 300 operations; judged for linearizability.</summary>
internal sealed class RegisterWorkload : IWorkload
{
    private readonly KeyRotation _keys = new("r", 3, 300);

    public async Task StepAsync(RecordingClient client, Random random)
    {
        var key = _keys.Next(random);
        var value = random.Next(5).ToString(CultureInfo.InvariantCulture);
        switch (random.Next(4))
        {
            case 0 or 1:
                await client.RunAsync(OpKind.Get, key, null, null, async c => (true, await c.GetStringAsync(key).ConfigureAwait(false))).ConfigureAwait(false);
                break;
            case 2:
                await client.RunAsync(OpKind.Put, key, value, null, async c =>
                {
                    await c.SetStringAsync(key, value).ConfigureAwait(false);
                    return (true, null);
                }).ConfigureAwait(false);
                break;
            default:
                var expected = random.Next(6) is var e && e == 5 ? null : e.ToString(CultureInfo.InvariantCulture);
                await client.RunAsync(OpKind.Cas, key, value, expected, async c => (await c.CompareAndSetStringAsync(key, expected, value).ConfigureAwait(false), null)).ConfigureAwait(false);
                break;
        }
    }

    public async Task<bool> FinalReadsAsync(RecordingClient client)
    {
        var all = true;
        foreach (var key in _keys.Used)
        {
            all &= await FinalRead.RetryAsync(() => client.RunAsync(OpKind.Get, key, null, null, async c => (true, await c.GetStringAsync(key).ConfigureAwait(false)))).ConfigureAwait(false);
        }

        return all;
    }
}
