using System.Numerics;
using System.Runtime.CompilerServices;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Arbitrary-precision integers and decimals (banker's rounding where a result is rounded).</summary>
public sealed partial class TowerClient
{
    /// <summary>Stores <paramref name="value"/>.</summary>
    public async Task SetBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) =>
        await WriteAsync(BigIntOp(Wire.BigIntOpCode.Set, key, value), cancellationToken).ConfigureAwait(false);

    /// <summary>The big integer, or null when the key is absent.</summary>
    public async Task<BigInteger?> GetBigIntAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BigIntOp(Wire.BigIntOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableBigInteger();

    /// <summary>Adds <paramref name="value"/>; returns the new value.</summary>
    public Task<BigInteger> AddBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Add, key, value, cancellationToken);

    /// <summary>Subtracts <paramref name="value"/>; returns the new value.</summary>
    public Task<BigInteger> SubBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Sub, key, value, cancellationToken);

    /// <summary>Multiplies by <paramref name="value"/>; returns the new value.</summary>
    public Task<BigInteger> MulBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Mul, key, value, cancellationToken);

    /// <summary>Divides by <paramref name="value"/>, truncating toward zero; returns the new value.</summary>
    public Task<BigInteger> DivBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Div, key, value, cancellationToken);

    /// <summary>Stores the remainder of the division by <paramref name="value"/>; returns it.</summary>
    public Task<BigInteger> ModBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Mod, key, value, cancellationToken);

    /// <summary>Negates; returns the new value.</summary>
    public Task<BigInteger> NegBigIntAsync(string key, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Neg, key, null, cancellationToken);

    /// <summary>Stores the absolute value; returns it.</summary>
    public Task<BigInteger> AbsBigIntAsync(string key, CancellationToken cancellationToken = default) => BigIntWriteAsync(Wire.BigIntOpCode.Abs, key, null, cancellationToken);

    /// <summary>Compares the stored value with <paramref name="value"/>: -1, 0 or 1.</summary>
    public async Task<int> CmpBigIntAsync(string key, BigInteger value, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BigIntOp(Wire.BigIntOpCode.Cmp, key, value), cancellationToken).ConfigureAwait(false)).AsComparison();

    /// <summary>Stores <paramref name="coefficient"/> × 10^-<paramref name="scale"/>.</summary>
    public async Task SetDecimalAsync(string key, BigInteger coefficient, int scale, CancellationToken cancellationToken = default) =>
        await WriteAsync(DecimalOp(Wire.DecimalOpCode.Set, key, coefficient, scale), cancellationToken).ConfigureAwait(false);

    /// <summary>The decimal, or null when the key is absent.</summary>
    public async Task<TowerDecimal?> GetDecimalAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(DecimalOp(Wire.DecimalOpCode.Get, key), cancellationToken).ConfigureAwait(false)).AsNullableDecimal();

    /// <summary>Adds exactly; returns the new value.</summary>
    public async Task<TowerDecimal> AddDecimalAsync(string key, BigInteger coefficient, int scale, CancellationToken cancellationToken = default) =>
        (await WriteAsync(DecimalOp(Wire.DecimalOpCode.Add, key, coefficient, scale), cancellationToken).ConfigureAwait(false)).AsDecimal();

    /// <summary>Subtracts exactly; returns the new value.</summary>
    public async Task<TowerDecimal> SubDecimalAsync(string key, BigInteger coefficient, int scale, CancellationToken cancellationToken = default) =>
        (await WriteAsync(DecimalOp(Wire.DecimalOpCode.Sub, key, coefficient, scale), cancellationToken).ConfigureAwait(false)).AsDecimal();

    /// <summary>Multiplies exactly (the scale becomes the sum of the scales); returns the new value.</summary>
    public async Task<TowerDecimal> MulDecimalAsync(string key, BigInteger coefficient, int scale, CancellationToken cancellationToken = default) =>
        (await WriteAsync(DecimalOp(Wire.DecimalOpCode.Mul, key, coefficient, scale), cancellationToken).ConfigureAwait(false)).AsDecimal();

    /// <summary>Divides, rounding half to even to exactly <paramref name="resultScale"/> digits; returns the new value.</summary>
    public async Task<TowerDecimal> DivDecimalAsync(string key, BigInteger coefficient, int scale, int resultScale, CancellationToken cancellationToken = default)
    {
        var request = DecimalOp(Wire.DecimalOpCode.Div, key, coefficient, scale);
        request.Decimal.ResultScale = resultScale;
        return (await WriteAsync(request, cancellationToken).ConfigureAwait(false)).AsDecimal();
    }

    /// <summary>Compares the stored value numerically with <paramref name="coefficient"/> × 10^-<paramref name="scale"/>: -1, 0 or 1.</summary>
    public async Task<int> CmpDecimalAsync(string key, BigInteger coefficient, int scale, CancellationToken cancellationToken = default) =>
        (await ReadAsync(DecimalOp(Wire.DecimalOpCode.Cmp, key, coefficient, scale), cancellationToken).ConfigureAwait(false)).AsComparison();

    /// <summary>Stores the exact binary value of <paramref name="value"/> rounded half to even to <paramref name="scale"/> digits.</summary>
    public async Task SetDecimalFromFloatAsync(string key, double value, int scale, CancellationToken cancellationToken = default)
    {
        Require(double.IsFinite(value), nameof(SetDecimalFromFloatAsync), key, $"value must be finite, not {value}");
        var request = DecimalOp(Wire.DecimalOpCode.SetFromFloat, key, BigInteger.Zero, scale);
        request.Decimal.FloatValue = value;
        await WriteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The decimal as the nearest double, or null when the key is absent.</summary>
    public async Task<double?> GetDecimalAsFloatAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync(DecimalOp(Wire.DecimalOpCode.GetAsFloat, key), cancellationToken).ConfigureAwait(false)).AsNullableDouble();

    private async Task<BigInteger> BigIntWriteAsync(Wire.BigIntOpCode op, string key, BigInteger? operand, CancellationToken cancellationToken, [CallerMemberName] string operation = "") =>
        (await WriteAsync(BigIntOp(op, key, operand, operation), cancellationToken, operation).ConfigureAwait(false)).AsBigInteger();

    private Wire.ExecuteRequest BigIntOp(Wire.BigIntOpCode op, string key, BigInteger? operand = null, [CallerMemberName] string operation = "") =>
        new() { Bigint = new Wire.BigIntOp { Op = op, Key = CheckKey(key, operation), Operand = operand is { } v ? WireValues.ToWire(CheckBigNumber(v, operation, key)) : string.Empty } };

    private Wire.ExecuteRequest DecimalOp(Wire.DecimalOpCode op, string key, BigInteger? coefficient = null, int scale = 0, [CallerMemberName] string operation = "") =>
        new()
        {
            Decimal = new Wire.DecimalOp
            {
                Op = op,
                Key = CheckKey(key, operation),
                Operand = coefficient is { } c ? WireValues.ToWire(CheckBigNumber(c, operation, key), scale) : null,
            },
        };
}
