using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>String operations. Strings compare ordinally; a missing key reads as null and mutates from "".</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        await WriteAsync(StringValueOp(Wire.StringOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The string, or null when the key is absent.</summary>
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringOp(Wire.StringOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableString();

    /// <summary>Appends <paramref name="value"/>; returns the new string.</summary>
    public async Task<string> AppendStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(StringValueOp(Wire.StringOpCode.Append, key, value), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary>Prepends <paramref name="value"/>; returns the new string.</summary>
    public async Task<string> PrependStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await WriteAsync(StringValueOp(Wire.StringOpCode.Prepend, key, value), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary>Replaces every occurrence of <paramref name="oldValue"/> (not empty) by <paramref name="newValue"/>; returns the new string.</summary>
    public async Task<string> ReplaceStringAsync(string key, string oldValue, string newValue, CancellationToken cancellationToken = default)
    {
        Require(!string.IsNullOrEmpty(oldValue), nameof(ReplaceStringAsync), key, "the string to replace must not be null or empty");
        var request = StringValueOp(Wire.StringOpCode.Replace, key, oldValue);
        request.String.Value2 = CheckText(newValue, nameof(ReplaceStringAsync), key, "newValue");
        return (await WriteAsync(request, cancellationToken).ConfigureAwait(false)).AsString();
    }

    /// <summary>Whether the string contains <paramref name="value"/> (ordinal).</summary>
    public async Task<bool> ContainsStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringValueOp(Wire.StringOpCode.Contains, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether the string starts with <paramref name="value"/> (ordinal).</summary>
    public async Task<bool> StartsWithStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringValueOp(Wire.StringOpCode.StartsWith, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Whether the string ends with <paramref name="value"/> (ordinal).</summary>
    public async Task<bool> EndsWithStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringValueOp(Wire.StringOpCode.EndsWith, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>The string's length in UTF-16 code units (0 when absent).</summary>
    public async Task<long> LengthStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringOp(Wire.StringOpCode.Length, key), cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <summary>The substring of <paramref name="length"/> characters from <paramref name="start"/>.</summary>
    public async Task<string> SubstringStringAsync(string key, long start, long length, CancellationToken cancellationToken = default)
    {
        Require(start >= 0 && length >= 0, nameof(SubstringStringAsync), key, $"start and length must not be negative (start {start}, length {length})");
        var request = StringOp(Wire.StringOpCode.Substring, key);
        request.String.Start = start;
        request.String.Length = length;
        return (await ReadAsync(request, cancellationToken).ConfigureAwait(false)).AsString();
    }

    /// <summary>Ordinal comparison of the stored string with <paramref name="value"/>: -1, 0 or 1.</summary>
    public async Task<int> CompareStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringValueOp(Wire.StringOpCode.Compare, key, value), cancellationToken).ConfigureAwait(false)).AsComparison();

    /// <summary>Whether the stored string equals <paramref name="value"/> (ordinal).</summary>
    public async Task<bool> EqualStringAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(StringValueOp(Wire.StringOpCode.Equal, key, value), cancellationToken).ConfigureAwait(false)).AsBoolean();

    /// <summary>Stores the string in upper case (invariant); returns it.</summary>
    public async Task<string> UpperStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(StringOp(Wire.StringOpCode.Upper, key), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary>Stores the string in lower case (invariant); returns it.</summary>
    public async Task<string> LowerStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await WriteAsync(StringOp(Wire.StringOpCode.Lower, key), cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary>
    /// Atomically sets <paramref name="value"/> if the stored string equals <paramref name="expected"/>.
    /// <paramref name="expected"/> null means "the key must be absent"; <paramref name="value"/> null deletes the key.
    /// </summary>
    /// <returns>Whether the swap happened.</returns>
    public async Task<bool> CompareAndSetStringAsync(string key, string? expected, string? value, CancellationToken cancellationToken = default)
    {
        var request = StringOp(Wire.StringOpCode.CompareAndSet, key);
        if (expected is not null)
        {
            request.String.Expected = CheckText(expected, nameof(CompareAndSetStringAsync), key, "expected");
        }

        if (value is not null)
        {
            request.String.Value = CheckText(value, nameof(CompareAndSetStringAsync), key);
        }

        return (await WriteAsync(request, cancellationToken).ConfigureAwait(false)).AsBoolean();
    }

    private Wire.ExecuteRequest StringOp(Wire.StringOpCode op, string key, [CallerMemberName] string operation = "")
        => new() { String = new Wire.StringOp { Op = op, Key = CheckKey(key, operation) } };

    private Wire.ExecuteRequest StringValueOp(Wire.StringOpCode op, string key, string value, [CallerMemberName] string operation = "")
    {
        var request = StringOp(op, key, operation);
        request.String.Value = CheckText(value, operation, key);
        return request;
    }
}
