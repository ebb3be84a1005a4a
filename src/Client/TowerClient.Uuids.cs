using System.Runtime.CompilerServices;
using Google.Protobuf;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>UUID and binary operations.</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetUuidAsync(string key, Guid value, CancellationToken cancellationToken = default) =>
        await WriteAsync(UuidOp(Wire.UuidOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The UUID, or null when the key is absent.</summary>
    public async Task<Guid?> GetUuidAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(UuidOp(Wire.UuidOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableGuid();

    /// <summary>Stores a new random UUID chosen by the leader (before the command is logged) and returns it.</summary>
    public async Task<Guid> GenerateUuidAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(UuidOp(Wire.UuidOpCode.Generate, key), cancellationToken).ConfigureAwait(false)).AsGuid();

    /// <summary>Whether the stored UUID equals <paramref name="value"/>.</summary>
    public async Task<bool> EqualUuidAsync(string key, Guid value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(UuidOp(Wire.UuidOpCode.Equal, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Compares the stored UUID with <paramref name="value"/> (RFC 4122 byte order): -1, 0 or 1.</summary>
    public async Task<int> CompareUuidAsync(string key, Guid value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(UuidOp(Wire.UuidOpCode.Compare, key, value), cancellationToken).ConfigureAwait(false)).AsComparison();

    /// <summary>Stores a copy of <paramref name="value"/>.</summary>
    public async Task SetBinaryAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        await WriteAsync(BinaryOp(Wire.BinaryOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The bytes, or null when the key is absent.</summary>
    public async Task<byte[]?> GetBinaryAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BinaryOp(Wire.BinaryOpCode.Get, key, ReadOnlyMemory<byte>.Empty), cancellationToken).ConfigureAwait(false)).AsNullableBytes();

    /// <summary>Appends <paramref name="value"/>; returns the new length in bytes.</summary>
    public async Task<long> AppendBinaryAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(BinaryOp(Wire.BinaryOpCode.Append, key, value), cancellationToken).ConfigureAwait(false)).AsInt64();

    private Wire.ExecuteRequest UuidOp(Wire.UuidOpCode op, string key, Guid? value = null, [CallerMemberName] string operation = "") =>
        new() { Uuid = new Wire.UuidOp { Op = op, Key = CheckKey(key, operation), Value = value is { } v ? WireValues.ToWire(v) : ByteString.Empty } };

    private Wire.ExecuteRequest BinaryOp(Wire.BinaryOpCode op, string key, ReadOnlyMemory<byte> value, [CallerMemberName] string operation = "") =>
        new() { Binary = new Wire.BinaryOp { Op = op, Key = CheckKey(key, operation), Value = CheckBytes(value, operation, key) } };
}
