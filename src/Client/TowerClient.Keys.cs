using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Operations on any key: existence, type, delete, TTL.</summary>
public sealed partial class TowerClient
{
    /// <summary>Deletes the key whatever its type.</summary>
    /// <returns>True when the key existed.</returns>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(KeyOp(Wire.KeyOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether the key exists (and has not expired).</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(KeyOp(Wire.KeyOpCode.Exists, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The type of the value under the key, or null when the key is absent.</summary>
    public async Task<TowerType?> TypeOfAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(KeyOp(Wire.KeyOpCode.TypeOf, key), cancellationToken).ConfigureAwait(false)).AsNullableType();

    /// <summary>Makes the key expire at <paramref name="expireAt"/> (replacing any earlier TTL).</summary>
    /// <returns>False when the key is absent.</returns>
    public async Task<bool> SetTtlAsync(string key, DateTimeOffset expireAt, CancellationToken cancellationToken = default) =>
        (await WriteAsync(KeyOp(Wire.KeyOpCode.SetTtlAt, key, expireAt.UtcTicks), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Makes the key expire <paramref name="ttl"/> after the leader's current time (replacing any earlier TTL).</summary>
    /// <returns>False when the key is absent.</returns>
    public async Task<bool> SetTtlAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        Require(ttl > TimeSpan.Zero, nameof(SetTtlAsync), key, $"ttl must be positive, not {ttl}");
        return (await WriteAsync(KeyOp(Wire.KeyOpCode.SetTtlFor, key, ttl.Ticks), cancellationToken).ConfigureAwait(false)).AsBoolean();
    }

    /// <summary>Makes the key persistent.</summary>
    /// <returns>False when the key is absent.</returns>
    public async Task<bool> RemoveTtlAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(KeyOp(Wire.KeyOpCode.RemoveTtl, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The time the key has left, or null when it is absent or has no TTL.</summary>
    public async Task<TimeSpan?> GetTtlAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(KeyOp(Wire.KeyOpCode.GetTtl, key), cancellationToken).ConfigureAwait(false)).AsNullableDuration();

    private Wire.ExecuteRequest KeyOp(Wire.KeyOpCode op, string key, long ticks = 0, [CallerMemberName] string operation = "") =>
        new() { Key = new Wire.KeyOp { Op = op, Key = CheckKey(key, operation), Ticks = ticks } };
}
