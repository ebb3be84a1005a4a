using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Time series (sorted by timestamp) and bloom filters.</summary>
public sealed partial class TowerClient
{
    /// <summary>Creates an empty time series; false when one already exists under the key.</summary>
    public async Task<bool> TimeSeriesCreateAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(TimeSeriesOp(Wire.TimeSeriesOpCode.Create, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether a time series exists under the key.</summary>
    public async Task<bool> TimeSeriesExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(TimeSeriesOp(Wire.TimeSeriesOpCode.Exists, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Records <paramref name="value"/> at <paramref name="timestamp"/> (replacing a sample at the same instant).</summary>
    public async Task TimeSeriesAddAsync(string key, DateTimeOffset timestamp, TowerValue value, CancellationToken cancellationToken = default)
    {
        var request = TimeSeriesOp(Wire.TimeSeriesOpCode.Add, key, timestamp);
        request.TimeSeries.Value = CheckValue(value, nameof(TimeSeriesAddAsync), key);
        await WriteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sample at exactly <paramref name="timestamp"/>, or null.</summary>
    public async Task<TowerValue?> TimeSeriesGetAsync(string key, DateTimeOffset timestamp, CancellationToken cancellationToken = default) =>
        (await ReadAsync(TimeSeriesOp(Wire.TimeSeriesOpCode.Get, key, timestamp), cancellationToken).ConfigureAwait(false)).AsNullableValue();

    /// <summary>The samples from <paramref name="from"/> to <paramref name="to"/> inclusive, sorted by time.</summary>
    public async Task<IReadOnlyList<TimeSeriesPoint>> TimeSeriesRangeAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        Require(from <= to, nameof(TimeSeriesRangeAsync), key, $"from ({from:O}) is after to ({to:O})");
        var request = TimeSeriesOp(Wire.TimeSeriesOpCode.Range, key, from);
        request.TimeSeries.ToTicks = to.UtcTicks;
        return (await ReadAsync(request, cancellationToken).ConfigureAwait(false)).AsPoints();
    }

    /// <summary>Removes the sample at <paramref name="timestamp"/>; false when there was none.</summary>
    public async Task<bool> TimeSeriesRemoveAsync(string key, DateTimeOffset timestamp, CancellationToken cancellationToken = default) =>
        (await WriteAsync(TimeSeriesOp(Wire.TimeSeriesOpCode.Remove, key, timestamp), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Deletes the time series; false when there was none.</summary>
    public async Task<bool> DeleteTimeSeriesAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(TimeSeriesOp(Wire.TimeSeriesOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Creates a bloom filter with <paramref name="hashSlots"/> hash functions (0 = the default, 3); false when one exists.</summary>
    public async Task<bool> CreateBloomFilterAsync(string key, int hashSlots = 0, CancellationToken cancellationToken = default)
    {
        Require(hashSlots >= 0, nameof(CreateBloomFilterAsync), key, $"hashSlots must not be negative, not {hashSlots}");
        var request = BloomOp(Wire.BloomFilterOpCode.Create, key);
        request.BloomFilter.HashSlots = hashSlots;
        return (await WriteAsync(request, cancellationToken).ConfigureAwait(false)).AsBoolean();
    }

    /// <summary>Adds <paramref name="item"/>, creating the filter when absent.</summary>
    public async Task BloomFilterAddAsync(string key, string item, CancellationToken cancellationToken = default) =>
        await WriteAsync(BloomOp(Wire.BloomFilterOpCode.Add, key, item), cancellationToken).ConfigureAwait(false);

    /// <summary>False when <paramref name="item"/> was certainly never added; true when it probably was.</summary>
    public async Task<bool> BloomFilterContainsAsync(string key, string item, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BloomOp(Wire.BloomFilterOpCode.Contains, key, item), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The number of items added.</summary>
    public async Task<long> BloomFilterCountAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BloomOp(Wire.BloomFilterOpCode.Count, key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Empties the filter.</summary>
    public async Task BloomFilterClearAsync(string key, CancellationToken cancellationToken = default) =>
        await WriteAsync(BloomOp(Wire.BloomFilterOpCode.Clear, key), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the filter; false when there was none.</summary>
    public async Task<bool> DeleteBloomFilterAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(BloomOp(Wire.BloomFilterOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    private Wire.ExecuteRequest TimeSeriesOp(Wire.TimeSeriesOpCode op, string key, DateTimeOffset? timestamp = null, [CallerMemberName] string operation = "") =>
        new() { TimeSeries = new Wire.TimeSeriesOp { Op = op, Key = CheckKey(key, operation), TimestampTicks = timestamp?.UtcTicks ?? 0 } };

    private Wire.ExecuteRequest BloomOp(Wire.BloomFilterOpCode op, string key, string? item = null, [CallerMemberName] string operation = "") =>
        new()
        {
            BloomFilter = new Wire.BloomFilterOp
            {
                Op = op,
                Key = CheckKey(key, operation),
                Item = op is Wire.BloomFilterOpCode.Add or Wire.BloomFilterOpCode.Contains ? CheckText(item, operation, key, nameof(item)) : string.Empty,
            },
        };
}
