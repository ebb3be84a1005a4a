using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>
/// 64-bit integer operations. A missing key reads as null and mutates from 0; every mutator returns the new value;
/// overflow fails with <see cref="TowerErrorCode.Overflow"/> and division by zero with <see cref="TowerErrorCode.DivideByZero"/>.
/// </summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetIntAsync(string key, long value, CancellationToken cancellationToken = default) =>
        await WriteAsync(IntOp(Wire.IntOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The integer, or null when the key is absent.</summary>
    public async Task<long?> GetIntAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(IntOp(Wire.IntOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableInt64();

    /// <summary>Adds <paramref name="value"/>.</summary>
    public Task<long> AddIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Add, key, value, cancellationToken);

    /// <summary>Subtracts <paramref name="value"/>.</summary>
    public Task<long> SubIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Sub, key, value, cancellationToken);

    /// <summary>Multiplies by <paramref name="value"/>.</summary>
    public Task<long> MulIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Mul, key, value, cancellationToken);

    /// <summary>Divides by <paramref name="value"/>, truncating toward zero.</summary>
    public Task<long> DivIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Div, key, value, cancellationToken);

    /// <summary>Stores the remainder of the division by <paramref name="value"/> (sign of the dividend).</summary>
    public Task<long> ModIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Mod, key, value, cancellationToken);

    /// <summary>Adds 1.</summary>
    public Task<long> IncIntAsync(string key, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Inc, key, 0, cancellationToken);

    /// <summary>Subtracts 1.</summary>
    public Task<long> DecIntAsync(string key, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Dec, key, 0, cancellationToken);

    /// <summary>Negates.</summary>
    public Task<long> NegIntAsync(string key, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Neg, key, 0, cancellationToken);

    /// <summary>Stores the absolute value.</summary>
    public Task<long> AbsIntAsync(string key, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Abs, key, 0, cancellationToken);

    /// <summary>Stores <paramref name="value"/> and returns the previous value (0 when absent).</summary>
    public Task<long> SwapIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Swap, key, value, cancellationToken);

    /// <summary>Bitwise AND with <paramref name="value"/>.</summary>
    public Task<long> AndIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.And, key, value, cancellationToken);

    /// <summary>Bitwise OR with <paramref name="value"/>.</summary>
    public Task<long> OrIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Or, key, value, cancellationToken);

    /// <summary>Bitwise XOR with <paramref name="value"/>.</summary>
    public Task<long> XorIntAsync(string key, long value, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Xor, key, value, cancellationToken);

    /// <summary>Bitwise complement.</summary>
    public Task<long> NotIntAsync(string key, CancellationToken cancellationToken = default) => IntWriteAsync(Wire.IntOpCode.Not, key, 0, cancellationToken);

    /// <summary>Shifts left by <paramref name="bits"/> (0–63).</summary>
    public async Task<long> ShiftLeftIntAsync(string key, int bits, CancellationToken cancellationToken = default)
    {
        Require(bits is >= 0 and <= 63, nameof(ShiftLeftIntAsync), key, $"bits must be 0–63, not {bits}");
        return await IntWriteAsync(Wire.IntOpCode.ShiftLeft, key, bits, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Shifts right arithmetically by <paramref name="bits"/> (0–63).</summary>
    public async Task<long> ShiftRightIntAsync(string key, int bits, CancellationToken cancellationToken = default)
    {
        Require(bits is >= 0 and <= 63, nameof(ShiftRightIntAsync), key, $"bits must be 0–63, not {bits}");
        return await IntWriteAsync(Wire.IntOpCode.ShiftRight, key, bits, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares the stored integer with <paramref name="value"/>: -1, 0 or 1.</summary>
    public async Task<int> CompareIntAsync(string key, long value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(IntOp(Wire.IntOpCode.Compare, key, value), cancellationToken).ConfigureAwait(false)).AsComparison();

    /// <summary>Stores <paramref name="value"/> when it is greater than the current value; returns the value now stored.</summary>
    public Task<long> SetIntIfGreaterAsync(string key, long value, CancellationToken cancellationToken = default) =>
        IntWriteAsync(Wire.IntOpCode.SetIfGreater, key, value, cancellationToken);

    /// <summary>Stores <paramref name="value"/> when it is less than the current value; returns the value now stored.</summary>
    public Task<long> SetIntIfLessAsync(string key, long value, CancellationToken cancellationToken = default) =>
        IntWriteAsync(Wire.IntOpCode.SetIfLess, key, value, cancellationToken);

    /// <summary>Clamps the value into [<paramref name="min"/>, <paramref name="max"/>]; min &gt; max is <see cref="TowerErrorCode.InvalidArgument"/>.</summary>
    public async Task<long> ClampIntAsync(string key, long min, long max, CancellationToken cancellationToken = default)
    {
        Require(min <= max, nameof(ClampIntAsync), key, $"min ({min}) is greater than max ({max})");
        return (await WriteAsync(IntOp(Wire.IntOpCode.Clamp, key, min, max), cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    private async Task<long> IntWriteAsync(Wire.IntOpCode op, string key, long operand, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        (await WriteAsync(IntOp(op, key, operand, 0, operation), cancellationToken, operation).ConfigureAwait(false)).AsInt64();

    private Wire.ExecuteRequest IntOp(Wire.IntOpCode op, string key, long operand = 0, long operand2 = 0, [CallerMemberName] string operation = "") =>
        new() { Int = new Wire.IntOp { Op = op, Key = CheckKey(key, operation), Operand = operand, Operand2 = operand2 } };
}
