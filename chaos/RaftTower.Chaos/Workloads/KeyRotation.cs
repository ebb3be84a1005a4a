using System.Collections.Concurrent;
using System.Globalization;

namespace RaftTower.Chaos.Workloads;

/// <summary>
/// Fresh keys every <paramref name="opsPerGeneration"/> operations, as Jepsen's independent checker does: the cost of
/// checking one key grows steeply with the timed-out operations piled on it.
/// </summary>
internal sealed class KeyRotation(string prefix, int keysPerGeneration, int opsPerGeneration)
{
    private readonly ConcurrentDictionary<string, byte> _used = new();
    private long _ops;

    /// <summary>Every key handed out so far.</summary>
    public IReadOnlyList<string> Used => [.. _used.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A key of the current generation.</summary>
    public string Next(Random random)
    {
        var generation = Interlocked.Increment(ref _ops) / opsPerGeneration;
        var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}{generation}-{random.Next(keysPerGeneration)}");
        _used.TryAdd(key, 0);
        return key;
    }
}
