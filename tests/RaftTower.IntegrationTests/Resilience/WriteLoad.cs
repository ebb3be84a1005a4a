using RaftTower.Client;

namespace RaftTower.IntegrationTests.Resilience;

/// <summary>
/// A steady write load for resilience tests: N workers add unique members to one set and 1 to one counter, recording
/// which writes were acknowledged, which failed definitely and which are indeterminate. Bounded by the token.
/// </summary>
internal sealed class WriteLoad
{
    private readonly object _gate = new();
    private readonly List<string> _acknowledged = [];
    private readonly List<string> _indeterminate = [];
    private readonly List<string> _failures = [];
    private long _counterAcked;
    private long _counterIndeterminate;

    public WriteLoad(string setKey, string counterKey)
    {
        SetKey = setKey;
        CounterKey = counterKey;
    }

    public string SetKey { get; }

    public string CounterKey { get; }

    public IReadOnlyList<string> Acknowledged { get { lock (_gate) { return [.. _acknowledged]; } } }

    public IReadOnlyList<string> Indeterminate { get { lock (_gate) { return [.. _indeterminate]; } } }

    public IReadOnlyList<string> Failures { get { lock (_gate) { return [.. _failures]; } } }

    public long CounterAcked => Interlocked.Read(ref _counterAcked);

    public long CounterIndeterminate => Interlocked.Read(ref _counterIndeterminate);

    public Task RunAsync(TowerClient client, int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkerAsync(client, w, stop)));

    /// <summary>
    /// Runs the load until at least <paramref name="minAcknowledged"/> writes were acknowledged and
    /// <paramref name="done"/> (when given) holds, or until <paramref name="cap"/> passes: a test waits for the progress
    /// it needs rather than a fixed time (a busy machine writes less per second); the cap only bounds a broken cluster,
    /// and the caller asserts the progress afterwards.
    /// </summary>
    public async Task RunUntilAsync(TowerClient client, int workers, int minAcknowledged, TimeSpan cap, Func<Task<bool>>? done = null)
    {
        using var stop = new CancellationTokenSource(cap);
        var running = RunAsync(client, workers, stop.Token);
        while (!stop.IsCancellationRequested
               && !(Acknowledged.Count >= minAcknowledged && (done is null || await done().ConfigureAwait(false))))
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
    }

    private async Task WorkerAsync(TowerClient client, int worker, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var member = $"w{worker}-{i}";
            await RecordAsync(member, () => client.SetAddAsync(SetKey, member)).ConfigureAwait(false);
            await RecordCounterAsync(() => client.AddIntAsync(CounterKey, 1)).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(string member, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            lock (_gate)
            {
                _acknowledged.Add(member);
            }
        }
        catch (TowerException e) when (e.Code == TowerErrorCode.Indeterminate)
        {
            lock (_gate)
            {
                _indeterminate.Add(member);
            }
        }
        catch (TowerException e)
        {
            lock (_gate)
            {
                _failures.Add($"{member}: {e.Message}");
            }
        }
    }

    private async Task RecordCounterAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            Interlocked.Increment(ref _counterAcked);
        }
        catch (TowerException e) when (e.Code == TowerErrorCode.Indeterminate)
        {
            Interlocked.Increment(ref _counterIndeterminate);
        }
        catch (TowerException e)
        {
            lock (_gate)
            {
                _failures.Add($"counter: {e.Message}");
            }
        }
    }

    /// <summary>Asserts that nothing acknowledged was lost and nothing was applied twice.</summary>
    public async Task VerifyAsync(TowerClient client)
    {
        var members = (await client.SetMembersAsync(SetKey)).ToHashSet(StringComparer.Ordinal);
        var acknowledged = Acknowledged;
        var lost = acknowledged.Where(m => !members.Contains(m)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged adds lost, e.g. {string.Join(", ", lost.Take(5))}");
        var possible = acknowledged.Concat(Indeterminate).ToHashSet(StringComparer.Ordinal);
        var phantom = members.Where(m => !possible.Contains(m)).ToList();
        Assert.True(phantom.Count == 0, $"members that were never added: {string.Join(", ", phantom.Take(5))}");
        var counter = await client.GetIntAsync(CounterKey) ?? 0;

        // Exactly-once: retries reuse the request id, so the counter can exceed the acknowledged adds only by the
        // indeterminate ones, never by a duplicate.
        Assert.InRange(counter, CounterAcked, CounterAcked + CounterIndeterminate);
    }
}
