using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Maps from <see cref="TowerValue"/> to <see cref="TowerValue"/>; fields keep their type (42L and "42" differ).</summary>
public sealed partial class TowerClient
{
    /// <summary>Creates an empty map; false when a map already exists under the key.</summary>
    public async Task<bool> CreateMapAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(MapOp(Wire.MapOpCode.Create, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether a map exists under the key.</summary>
    public async Task<bool> MapExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(MapOp(Wire.MapOpCode.Exists, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The number of fields (0 when absent).</summary>
    public async Task<long> MapLengthAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(MapOp(Wire.MapOpCode.Length, key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/>, creating the map when absent.</summary>
    public async Task MapSetAsync(string key, TowerValue field, TowerValue value, CancellationToken cancellationToken = default)
    {
        var request = MapOp(Wire.MapOpCode.Set, key, field);
        request.Map.Value = CheckValue(value, nameof(MapSetAsync), key);
        await WriteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The value of <paramref name="field"/>, or null when the field or map is absent.</summary>
    public async Task<TowerValue?> MapGetAsync(string key, TowerValue field, CancellationToken cancellationToken = default) =>
        (await ReadAsync(MapOp(Wire.MapOpCode.Get, key, field), cancellationToken).ConfigureAwait(false)).AsNullableValue();

    /// <summary>All fields (empty when absent).</summary>
    public async Task<IReadOnlyList<TowerValue>> MapKeysAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(MapOp(Wire.MapOpCode.Keys, key), cancellationToken).ConfigureAwait(false)).AsValues();

    /// <summary>All values (empty when absent), in the order of <see cref="MapKeysAsync"/>.</summary>
    public async Task<IReadOnlyList<TowerValue>> MapValuesAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(MapOp(Wire.MapOpCode.Values, key), cancellationToken).ConfigureAwait(false)).AsValues();

    /// <summary>Removes <paramref name="field"/>; returns the number of fields removed (0 or 1).</summary>
    public async Task<long> MapDeleteAsync(string key, TowerValue field, CancellationToken cancellationToken = default) =>
        (await WriteAsync(MapOp(Wire.MapOpCode.DeleteField, key, field), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Removes every field, keeping the (empty) map.</summary>
    public async Task ClearMapAsync(string key, CancellationToken cancellationToken = default) =>
        await WriteAsync(MapOp(Wire.MapOpCode.Clear, key), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the map; false when there was none.</summary>
    public async Task<bool> DeleteMapAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(MapOp(Wire.MapOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    private Wire.ExecuteRequest MapOp(Wire.MapOpCode op, string key, [CallerMemberName] string operation = "") =>
        new() { Map = new Wire.MapOp { Op = op, Key = CheckKey(key, operation) } };

    private Wire.ExecuteRequest MapOp(Wire.MapOpCode op, string key, TowerValue field, [CallerMemberName] string operation = "")
    {
        var request = MapOp(op, key, operation);
        request.Map.Field = CheckValue(field, operation, key, nameof(field));
        return request;
    }
}
