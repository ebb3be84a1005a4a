using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>
/// Lists of <see cref="TowerValue"/>. Indices are 0-based, negative counts from the end; ranges are inclusive and
/// clamped like Redis LRANGE/LTRIM. Pushing onto a missing key creates the list.
/// </summary>
public sealed partial class TowerClient
{
    /// <summary>Creates an empty list; false when a list already exists under the key.</summary>
    public async Task<bool> CreateListAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.Create, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether a list exists under the key.</summary>
    public async Task<bool> ListExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(ListOp(Wire.ListOpCode.Exists, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The number of elements (0 when absent).</summary>
    public async Task<long> ListLengthAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(ListOp(Wire.ListOpCode.Length, key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Inserts at the head; returns the new length.</summary>
    public async Task<long> PushLeftAsync(string key, TowerValue value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.PushLeft, key, value), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Appends at the tail; returns the new length.</summary>
    public async Task<long> PushRightAsync(string key, TowerValue value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.PushRight, key, value), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Removes and returns the head, or null when the list is empty or absent.</summary>
    public async Task<TowerValue?> PopLeftAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.PopLeft, key), cancellationToken).ConfigureAwait(false)).AsNullableValue();

    /// <summary>Removes and returns the tail, or null when the list is empty or absent.</summary>
    public async Task<TowerValue?> PopRightAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.PopRight, key), cancellationToken).ConfigureAwait(false)).AsNullableValue();

    /// <summary>The element at <paramref name="index"/>, or null when out of range.</summary>
    public async Task<TowerValue?> ListIndexAsync(string key, long index, CancellationToken cancellationToken = default)
    {
        var request = ListOp(Wire.ListOpCode.Index, key);
        request.List.Index = index;
        return (await ReadAsync(request, cancellationToken).ConfigureAwait(false)).AsNullableValue();
    }

    /// <summary>The elements from <paramref name="start"/> to <paramref name="stop"/> inclusive (empty when absent).</summary>
    public async Task<IReadOnlyList<TowerValue>> ListRangeAsync(string key, long start, long stop, CancellationToken cancellationToken = default) =>
        (await ReadAsync(ListOp(Wire.ListOpCode.Range, key, start, stop), cancellationToken).ConfigureAwait(false)).AsValues();

    /// <summary>Replaces the element at <paramref name="index"/>; fails with <see cref="TowerErrorCode.OutOfRange"/> past the end.</summary>
    public async Task ListSetAsync(string key, long index, TowerValue value, CancellationToken cancellationToken = default)
    {
        var request = ListOp(Wire.ListOpCode.Set, key, value);
        request.List.Index = index;
        await WriteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps only the elements from <paramref name="start"/> to <paramref name="stop"/> inclusive.</summary>
    public async Task ListTrimAsync(string key, long start, long stop, CancellationToken cancellationToken = default) =>
        await WriteAsync(ListOp(Wire.ListOpCode.Trim, key, start, stop), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the list; false when there was none.</summary>
    public async Task<bool> DeleteListAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(ListOp(Wire.ListOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    private Wire.ExecuteRequest ListOp(Wire.ListOpCode op, string key, [CallerMemberName] string operation = "") =>
        new() { List = new Wire.ListOp { Op = op, Key = CheckKey(key, operation) } };

    private Wire.ExecuteRequest ListOp(Wire.ListOpCode op, string key, TowerValue value, [CallerMemberName] string operation = "")
    {
        var request = ListOp(op, key, operation);
        request.List.Value = CheckValue(value, operation, key);
        return request;
    }

    private Wire.ExecuteRequest ListOp(Wire.ListOpCode op, string key, long start, long stop, [CallerMemberName] string operation = "")
    {
        var request = ListOp(op, key, operation);
        request.List.Start = start;
        request.List.Stop = stop;
        return request;
    }
}
