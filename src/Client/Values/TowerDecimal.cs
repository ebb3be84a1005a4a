using System.Globalization;
using System.Numerics;

namespace RaftTower.Client;

/// <summary>
/// An arbitrary-precision decimal: <c>Coefficient × 10^-Scale</c>. <c>(12345, 2)</c> is 123.45.
/// </summary>
/// <remarks>
/// Equality is representational: <c>(10, 1)</c> and <c>(1, 0)</c> are the same number but different values, as the
/// node stores and returns the scale it computed (multiply adds scales, division returns the requested scale).
/// Use <see cref="CompareTo"/> for numeric comparison.
/// </remarks>
/// <param name="Coefficient">The unscaled integer value.</param>
/// <param name="Scale">The number of digits after the decimal point (may be negative: <c>(5, -2)</c> is 500).</param>
public readonly record struct TowerDecimal(BigInteger Coefficient, int Scale) : IComparable<TowerDecimal>
{
    /// <summary>Numeric comparison, independent of scale: <c>(10, 1)</c> equals <c>(1, 0)</c> here.</summary>
    public int CompareTo(TowerDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return Rescale(Coefficient, scale - Scale).CompareTo(Rescale(other.Coefficient, scale - other.Scale));
    }

    /// <summary>Numeric less-than.</summary>
    public static bool operator <(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) < 0;

    /// <summary>Numeric less-than-or-equal.</summary>
    public static bool operator <=(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) <= 0;

    /// <summary>Numeric greater-than.</summary>
    public static bool operator >(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) > 0;

    /// <summary>Numeric greater-than-or-equal.</summary>
    public static bool operator >=(TowerDecimal left, TowerDecimal right) => left.CompareTo(right) >= 0;

    /// <summary>The plain decimal notation, e.g. <c>-0.05</c> for <c>(-5, 2)</c> and <c>500</c> for <c>(5, -2)</c>.</summary>
    public override string ToString()
    {
        if (Scale <= 0)
        {
            return Rescale(Coefficient, -Scale).ToString(CultureInfo.InvariantCulture);
        }

        var digits = BigInteger.Abs(Coefficient).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var sign = Coefficient.Sign < 0 ? "-" : string.Empty;
        return $"{sign}{digits[..^Scale]}.{digits[^Scale..]}";
    }

    /// <summary>Parses plain decimal notation (<c>-123.450</c> gives coefficient -123450, scale 3).</summary>
    /// <returns>False when <paramref name="text"/> is not an optional sign, digits and an optional fraction.</returns>
    public static bool TryParse(string? text, out TowerDecimal value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        var unsigned = whole.TrimStart('-', '+');
        if (whole.Length - unsigned.Length > 1 || (unsigned.Length == 0 && fraction.Length == 0)
            || !unsigned.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0))
        {
            return false;
        }

        var coefficient = BigInteger.Parse(unsigned + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new TowerDecimal(whole.StartsWith('-') ? -coefficient : coefficient, fraction.Length);
        return true;
    }

    private static BigInteger Rescale(BigInteger coefficient, int extraDigits) =>
        extraDigits == 0 ? coefficient : coefficient * BigInteger.Pow(10, extraDigits);
}
