using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Timestamp operations: UTC instants with 100 ns precision (any offset is converted to UTC).</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/> (as UTC).</summary>
    public async Task SetTimestampAsync(string key, DateTimeOffset value, CancellationToken cancellationToken = default) =>
        await WriteAsync(TimestampOp(Wire.TimestampOpCode.Set, key, value.UtcTicks), cancellationToken).ConfigureAwait(false);

    /// <summary>The timestamp (UTC), or null when the key is absent.</summary>
    public async Task<DateTimeOffset?> GetTimestampAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(TimestampOp(Wire.TimestampOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableTimestamp();

    /// <summary>Moves the timestamp forward by <paramref name="duration"/>; returns the new value.</summary>
    public async Task<DateTimeOffset> AddTimestampAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default) =>
        (await WriteAsync(TimestampOp(Wire.TimestampOpCode.Add, key, duration.Ticks), cancellationToken).ConfigureAwait(false)).AsTimestamp();

    /// <summary>Moves the timestamp back by <paramref name="duration"/>; returns the new value.</summary>
    public async Task<DateTimeOffset> SubTimestampAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default) =>
        (await WriteAsync(TimestampOp(Wire.TimestampOpCode.Sub, key, duration.Ticks), cancellationToken).ConfigureAwait(false)).AsTimestamp();

    /// <summary>Whether the stored timestamp is before <paramref name="value"/>.</summary>
    public async Task<bool> BeforeTimestampAsync(string key, DateTimeOffset value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(TimestampOp(Wire.TimestampOpCode.Before, key, value.UtcTicks), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether the stored timestamp is after <paramref name="value"/>.</summary>
    public async Task<bool> AfterTimestampAsync(string key, DateTimeOffset value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(TimestampOp(Wire.TimestampOpCode.After, key, value.UtcTicks), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetDurationAsync(string key, TimeSpan value, CancellationToken cancellationToken = default) =>
        await WriteAsync(DurationOp(Wire.DurationOpCode.Set, key, value.Ticks), cancellationToken).ConfigureAwait(false);

    /// <summary>The duration, or null when the key is absent.</summary>
    public async Task<TimeSpan?> GetDurationAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(DurationOp(Wire.DurationOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableDuration();

    /// <summary>Adds <paramref name="value"/>; returns the new duration.</summary>
    public async Task<TimeSpan> AddDurationAsync(string key, TimeSpan value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(DurationOp(Wire.DurationOpCode.Add, key, value.Ticks), cancellationToken).ConfigureAwait(false)).AsDuration();

    /// <summary>Subtracts <paramref name="value"/>; returns the new duration.</summary>
    public async Task<TimeSpan> SubDurationAsync(string key, TimeSpan value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(DurationOp(Wire.DurationOpCode.Sub, key, value.Ticks), cancellationToken).ConfigureAwait(false)).AsDuration();

    private Wire.ExecuteRequest TimestampOp(Wire.TimestampOpCode op, string key, long ticks = 0, [CallerMemberName] string operation = "") =>
        new() { Timestamp = new Wire.TimestampOp { Op = op, Key = CheckKey(key, operation), Ticks = ticks } };

    private Wire.ExecuteRequest DurationOp(Wire.DurationOpCode op, string key, long ticks = 0, [CallerMemberName] string operation = "") =>
        new() { Duration = new Wire.DurationOp { Op = op, Key = CheckKey(key, operation), Ticks = ticks } };
}
