using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Sets of strings.</summary>
public sealed partial class TowerClient
{
    /// <summary>Creates an empty set; false when a set already exists under the key.</summary>
    public async Task<bool> CreateSetAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(SetOp(Wire.SetOpCode.Create, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether a set exists under the key.</summary>
    public async Task<bool> SetExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(SetOp(Wire.SetOpCode.Exists, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The number of members (0 when absent).</summary>
    public async Task<long> SetCardinalityAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(SetOp(Wire.SetOpCode.Cardinality, key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Adds <paramref name="member"/>, creating the set when absent; returns the size after.</summary>
    public async Task<long> SetAddAsync(string key, string member, CancellationToken cancellationToken = default) =>
        (await WriteAsync(SetOp(Wire.SetOpCode.Add, key, member), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Removes <paramref name="member"/>; returns the size after.</summary>
    public async Task<long> SetRemoveAsync(string key, string member, CancellationToken cancellationToken = default) =>
        (await WriteAsync(SetOp(Wire.SetOpCode.Remove, key, member), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>Whether <paramref name="member"/> is in the set.</summary>
    public async Task<bool> SetIsMemberAsync(string key, string member, CancellationToken cancellationToken = default) =>
        (await ReadAsync(SetOp(Wire.SetOpCode.IsMember, key, member), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>All members (empty when absent).</summary>
    public async Task<IReadOnlyList<string>> SetMembersAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(SetOp(Wire.SetOpCode.Members, key), cancellationToken).ConfigureAwait(false)).AsStrings();

    /// <summary>Removes every member, keeping the (empty) set.</summary>
    public async Task ClearSetAsync(string key, CancellationToken cancellationToken = default) =>
        await WriteAsync(SetOp(Wire.SetOpCode.Clear, key), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the set; false when there was none.</summary>
    public async Task<bool> DeleteSetAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(SetOp(Wire.SetOpCode.Delete, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    private Wire.ExecuteRequest SetOp(Wire.SetOpCode op, string key, string? member = null, [CallerMemberName] string operation = "") =>
        new()
        {
            Set = new Wire.SetOp
            {
                Op = op,
                Key = CheckKey(key, operation),
                Member = op is Wire.SetOpCode.Add or Wire.SetOpCode.Remove or Wire.SetOpCode.IsMember ? CheckText(member, operation, key, nameof(member)) : string.Empty,
            },
        };
}
