using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Bool operations; a missing key reads as null and mutates from false.</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetBoolAsync(string key, bool value, CancellationToken cancellationToken = default) =>
        await WriteAsync(BoolOp(Wire.BoolOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The bool, or null when the key is absent.</summary>
    public async Task<bool?> GetBoolAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BoolOp(Wire.BoolOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableBoolean();

    /// <summary>Stores <paramref name="keyA"/> AND <paramref name="keyB"/> into <paramref name="destKey"/>; returns it.</summary>
    public Task<bool> AndBoolAsync(string destKey, string keyA, string keyB, CancellationToken cancellationToken = default) =>
        BoolCombineAsync(Wire.BoolOpCode.And, destKey, keyA, keyB, cancellationToken);

    /// <summary>Stores <paramref name="keyA"/> OR <paramref name="keyB"/> into <paramref name="destKey"/>; returns it.</summary>
    public Task<bool> OrBoolAsync(string destKey, string keyA, string keyB, CancellationToken cancellationToken = default) =>
        BoolCombineAsync(Wire.BoolOpCode.Or, destKey, keyA, keyB, cancellationToken);

    /// <summary>Stores <paramref name="keyA"/> XOR <paramref name="keyB"/> into <paramref name="destKey"/>; returns it.</summary>
    public Task<bool> XorBoolAsync(string destKey, string keyA, string keyB, CancellationToken cancellationToken = default) =>
        BoolCombineAsync(Wire.BoolOpCode.Xor, destKey, keyA, keyB, cancellationToken);

    /// <summary>Stores the negation; returns it.</summary>
    public async Task<bool> NotBoolAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(BoolOp(Wire.BoolOpCode.Not, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Flips the value; returns the new one.</summary>
    public async Task<bool> ToggleBoolAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(BoolOp(Wire.BoolOpCode.Toggle, key), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether the stored bool equals <paramref name="value"/>.</summary>
    public async Task<bool> EqualBoolAsync(string key, bool value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BoolOp(Wire.BoolOpCode.Equal, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Stores <paramref name="value"/> when the stored bool equals <paramref name="expected"/>; returns the value now stored.</summary>
    public async Task<bool> SetBoolIfEqualAsync(string key, bool expected, bool value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(BoolOp(Wire.BoolOpCode.SetIfEqual, key, expected, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    private async Task<bool> BoolCombineAsync(Wire.BoolOpCode op, string destKey, string keyA, string keyB, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        var request = BoolOp(op, destKey, operation: operation);
        request.Bool.KeyA = CheckKey(keyA, operation, nameof(keyA));
        request.Bool.KeyB = CheckKey(keyB, operation, nameof(keyB));
        return (await WriteAsync(request, cancellationToken, operation).ConfigureAwait(false)).AsBoolean();
    }

    private Wire.ExecuteRequest BoolOp(Wire.BoolOpCode op, string key, bool operand = false, bool operand2 = false, [CallerMemberName] string operation = "") =>
        new() { Bool = new Wire.BoolOp { Op = op, Key = CheckKey(key, operation), Operand = operand, Operand2 = operand2 } };
}
