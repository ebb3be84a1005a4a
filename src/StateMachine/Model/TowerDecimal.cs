using System.Globalization;
using System.Numerics;

namespace RaftTower.StateMachine.Model;

/// <summary>
/// An arbitrary-precision decimal: <c>Coefficient × 10^-Scale</c>. Addition, subtraction and multiplication are
/// exact; division and conversion from a double round half to even at an explicit scale.
/// </summary>
/// <remarks>Equality is representational: 1.0 (10, 1) and 1.00 (100, 2) are different values that compare equal
/// with <see cref="CompareTo"/>.</remarks>
/// <param name="Coefficient">The unscaled value.</param>
/// <param name="Scale">Digits after the decimal point (non-negative).</param>
public readonly record struct TowerDecimal(BigInteger Coefficient, int Scale) : IComparable<TowerDecimal>
{
    /// <summary>Zero at scale 0, the value a missing decimal key starts from.</summary>
    public static TowerDecimal Zero => new(BigInteger.Zero, 0);

    /// <summary>Exact sum at the larger of the two scales.</summary>
    public TowerDecimal Add(TowerDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return new(Rescale(scale) + other.Rescale(scale), scale);
    }

    /// <summary>Exact difference at the larger of the two scales.</summary>
    public TowerDecimal Subtract(TowerDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return new(Rescale(scale) - other.Rescale(scale), scale);
    }

    /// <summary>Exact product; the scale is the sum of the scales.</summary>
    public TowerDecimal Multiply(TowerDecimal other) => new(Coefficient * other.Coefficient, Scale + other.Scale);

    /// <summary>The quotient at exactly <paramref name="resultScale"/> digits, rounded half to even.</summary>
    /// <exception cref="DivideByZeroException">The divisor is zero.</exception>
    public TowerDecimal Divide(TowerDecimal divisor, int resultScale)
    {
        if (divisor.Coefficient.IsZero)
        {
            throw new DivideByZeroException();
        }

        // this / divisor × 10^rs = Ca × 10^(rs + Sb - Sa) / Cb
        var exponent = (long)resultScale + divisor.Scale - Scale;
        var numerator = Coefficient;
        var denominator = divisor.Coefficient;
        if (exponent >= 0)
        {
            numerator *= BigInteger.Pow(10, (int)exponent);
        }
        else
        {
            denominator *= BigInteger.Pow(10, (int)-exponent);
        }

        return new(RoundHalfEven(numerator, denominator), resultScale);
    }

    /// <summary>Numeric comparison (scales aligned): -1, 0 or 1.</summary>
    public int CompareTo(TowerDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return Rescale(scale).CompareTo(other.Rescale(scale));
    }

    /// <summary>Numeric less-than.</summary>
    public static bool operator <(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) < 0;

    /// <summary>Numeric less-than-or-equal.</summary>
    public static bool operator <=(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) <= 0;

    /// <summary>Numeric greater-than.</summary>
    public static bool operator >(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) > 0;

    /// <summary>Numeric greater-than-or-equal.</summary>
    public static bool operator >=(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// The exact binary value of <paramref name="value"/> rounded half to even at <paramref name="scale"/> digits
    /// (so 0.1 at scale 20 is 0.10000000000000000555, not 0.1).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static TowerDecimal FromDouble(double value, int scale)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinities have no decimal value.", nameof(value));
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // value = mantissa × 2^(exponent - 1075); scaled = value × 10^scale
        var binaryExponent = exponent - 1075;
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, scale);
        var denominator = BigInteger.One;
        if (binaryExponent >= 0)
        {
            numerator <<= binaryExponent;
        }
        else
        {
            denominator <<= -binaryExponent;
        }

        var coefficient = RoundHalfEven(numerator, denominator);
        return new(negative ? -coefficient : coefficient, scale);
    }

    /// <summary>The nearest double (correctly rounded through the runtime's IEEE parser).</summary>
    public double ToDouble() =>
        double.Parse(Coefficient.ToString(CultureInfo.InvariantCulture) + "E" + (-(long)Scale).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString()
    {
        var digits = BigInteger.Abs(Coefficient).ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = digits[..^Scale] + "." + digits[^Scale..];
        }

        return Coefficient.Sign < 0 ? "-" + digits : digits;
    }

    private BigInteger Rescale(int scale) => scale == Scale ? Coefficient : Coefficient * BigInteger.Pow(10, scale - Scale);

    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twiceRemainder = BigInteger.Abs(remainder) * 2;
        var comparison = twiceRemainder.CompareTo(denominator);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
        {
            quotient += numerator.Sign < 0 ? BigInteger.MinusOne : BigInteger.One;
        }

        return quotient;
    }
}
