using System.Numerics;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// Big integers and decimals. A product whose encoding could exceed the big number limit (CodecLimits.MaxBigIntBytes)
// is refused before it is computed, so a hostile multiplication cannot stall the apply loop; any other result over
// the limit is refused when stored. Both are Overflow, nothing stored. Decimal scales are 0..MaxDecimalScale.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteBigInt(TowerCommand c) => c.Op switch
    {
        OpCode.SetBigInt => SetScalar(c, TowerType.BigInt),
        OpCode.GetBigInt => GetScalar(c, TowerType.BigInt),
        OpCode.AddBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, c) => Outcome.Stored(v.AsBigInt() + c.A.AsBigInt())),
        OpCode.SubBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, c) => Outcome.Stored(v.AsBigInt() - c.A.AsBigInt())),
        OpCode.MulBigInt => UpdateScalar(c, TowerType.BigInt, (v, _, c) => FitsProduct(v.AsBigInt(), c.A.AsBigInt())
            ? Outcome.Stored(v.AsBigInt() * c.A.AsBigInt())
            : Outcome.Overflow("big integer multiplication")),
        OpCode.DivBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, c) => c.A.AsBigInt().IsZero
            ? Outcome.DivideByZero
            : Outcome.Stored(BigInteger.Divide(v.AsBigInt(), c.A.AsBigInt()))),
        OpCode.ModBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, c) => c.A.AsBigInt().IsZero
            ? Outcome.DivideByZero
            : Outcome.Stored(BigInteger.Remainder(v.AsBigInt(), c.A.AsBigInt()))),
        OpCode.NegBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, _) => Outcome.Stored(-v.AsBigInt())),
        OpCode.AbsBigInt => UpdateScalar(c, TowerType.BigInt, static (v, _, _) => Outcome.Stored(BigInteger.Abs(v.AsBigInt()))),
        _ => QueryScalar(c, TowerType.BigInt, static (v, _, c) => Sign(v.AsBigInt().CompareTo(c.A.AsBigInt()))),
    };

    private TowerResult ExecuteDecimal(TowerCommand c)
    {
        if (c.A.Type == TowerType.Decimal && !ValidScale(c.A.AsDecimal().Scale))
        {
            return Invalid($"decimal scale {c.A.AsDecimal().Scale} is outside 0..{_options.MaxDecimalScale}");
        }

        if (c.B.Type == TowerType.Int && !ValidScale(c.B.AsInt()))
        {
            return Invalid($"decimal scale {c.B.AsInt()} is outside 0..{_options.MaxDecimalScale}");
        }

        return c.Op switch
        {
            OpCode.SetDecimal => SetScalar(c, TowerType.Decimal),
            OpCode.GetDecimal => GetScalar(c, TowerType.Decimal),
            OpCode.AddDecimal => UpdateScalar(c, TowerType.Decimal, static (v, _, c) => Outcome.Stored(v.AsDecimal().Add(c.A.AsDecimal()))),
            OpCode.SubDecimal => UpdateScalar(c, TowerType.Decimal, static (v, _, c) => Outcome.Stored(v.AsDecimal().Subtract(c.A.AsDecimal()))),
            OpCode.MulDecimal => UpdateScalar(c, TowerType.Decimal, (v, _, c) =>
                !ValidScale((long)v.AsDecimal().Scale + c.A.AsDecimal().Scale) || !FitsProduct(v.AsDecimal().Coefficient, c.A.AsDecimal().Coefficient)
                    ? Outcome.Overflow("decimal multiplication")
                    : Outcome.Stored(v.AsDecimal().Multiply(c.A.AsDecimal()))),
            OpCode.DivDecimal => UpdateScalar(c, TowerType.Decimal, static (v, _, c) => c.A.AsDecimal().Coefficient.IsZero
                ? Outcome.DivideByZero
                : Outcome.Stored(v.AsDecimal().Divide(c.A.AsDecimal(), (int)c.B.AsInt()))),
            OpCode.CmpDecimal => QueryScalar(c, TowerType.Decimal, static (v, _, c) => Sign(v.AsDecimal().CompareTo(c.A.AsDecimal()))),
            OpCode.SetDecimalFromFloat => SetDecimalFromFloat(c),
            _ => QueryScalar(c, TowerType.Decimal, static (v, exists, _) =>
                TowerResult.Ok(exists ? TowerValue.FromFloat(v.AsDecimal().ToDouble()) : TowerValue.Null)),
        };
    }

    private TowerResult SetDecimalFromFloat(TowerCommand c)
    {
        if (!double.IsFinite(c.A.AsFloat()))
        {
            return Invalid("NaN and infinities have no decimal value");
        }

        var value = TowerValue.FromDecimal(TowerDecimal.FromDouble(c.A.AsFloat(), (int)c.B.AsInt()));
        return SetScalar(c with { A = value }, TowerType.Decimal);
    }

    private bool ValidScale(long scale) => scale >= 0 && scale <= _options.MaxDecimalScale;

    /// <summary>The most bytes a stored big integer or decimal coefficient may have.</summary>
    private int BigNumberLimit => Math.Min(Limits.MaxBigIntBytes, Limits.MaxValueBytes);

    // |a·b| < 2^(8(|a|+|b|)), so a product of more than limit+1 bytes of operands cannot fit; one that passes is
    // computed and then checked exactly when stored.
    private bool FitsProduct(BigInteger a, BigInteger b) => (long)a.GetByteCount() + b.GetByteCount() <= BigNumberLimit + 1;
}
