using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Float (double) operations; values round-trip bit-exactly, division by zero is <see cref="TowerErrorCode.DivideByZero"/>.</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetFloatAsync(string key, double value, CancellationToken cancellationToken = default) =>
        await WriteAsync(FloatOp(Wire.FloatOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The float, or null when the key is absent.</summary>
    public async Task<double?> GetFloatAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(FloatOp(Wire.FloatOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableDouble();

    /// <summary>Adds <paramref name="value"/>; returns the new value.</summary>
    public Task<double> AddFloatAsync(string key, double value, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Add, key, value, cancellationToken);

    /// <summary>Subtracts <paramref name="value"/>; returns the new value.</summary>
    public Task<double> SubFloatAsync(string key, double value, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Sub, key, value, cancellationToken);

    /// <summary>Multiplies by <paramref name="value"/>; returns the new value.</summary>
    public Task<double> MulFloatAsync(string key, double value, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Mul, key, value, cancellationToken);

    /// <summary>Divides by <paramref name="value"/>; returns the new value.</summary>
    public Task<double> DivFloatAsync(string key, double value, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Div, key, value, cancellationToken);

    /// <summary>Negates; returns the new value.</summary>
    public Task<double> NegFloatAsync(string key, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Neg, key, 0, cancellationToken);

    /// <summary>Stores the absolute value; returns it.</summary>
    public Task<double> AbsFloatAsync(string key, CancellationToken cancellationToken = default) => FloatWriteAsync(Wire.FloatOpCode.Abs, key, 0, cancellationToken);

    private async Task<double> FloatWriteAsync(Wire.FloatOpCode op, string key, double operand, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        (await WriteAsync(FloatOp(op, key, operand, operation), cancellationToken, operation).ConfigureAwait(false)).AsDouble();

    private Wire.ExecuteRequest FloatOp(Wire.FloatOpCode op, string key, double operand = 0, [CallerMemberName] string operation = "") =>
        new() { Float = new Wire.FloatOp { Op = op, Key = CheckKey(key, operation), Operand = operand } };
}
