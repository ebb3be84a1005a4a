using System.Globalization;
using System.Numerics;
using System.Reflection;
using RaftTower.Client;

namespace RaftTower.Cli.Operations;

/// <summary>
/// Turns command-line words into the CLR values the client takes. List, map and time-series elements are typed
/// literals: <c>int:42</c>, <c>float:1.5</c>, <c>bool:true</c>, <c>ts:2026-01-01T00:00:00Z</c>, <c>dur:00:01:00</c>,
/// <c>uuid:…</c>, <c>hex:0a0b</c>, <c>big:123</c>, <c>dec:1.25</c>, <c>str:…</c>; a word without a known prefix is a string.
/// </summary>
internal static class CliValueParser
{
    public const string ValueSyntax = "int:42 | float:1.5 | bool:true | ts:2026-01-01T00:00:00Z | dur:00:01:00 | uuid:<guid> | hex:0a0b | big:123 | dec:1.25 | str:text | text";

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Parses <paramref name="text"/> for <paramref name="parameter"/>; false with a reason when it does not fit.</summary>
    public static bool TryParse(ParameterInfo parameter, string? text, out object? value, out string error)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        value = null;
        error = string.Empty;
        if (text is null)
        {
            value = parameter.HasDefaultValue ? parameter.DefaultValue : null;
            return parameter.HasDefaultValue;
        }

        var type = parameter.ParameterType;
        if (type == typeof(string) && text == "null" && Nullability.Create(parameter).WriteState == NullabilityState.Nullable)
        {
            return true;
        }

        if (TryParse(type, text, out value))
        {
            return true;
        }

        error = $"{parameter.Name}: '{text}' is not {Describe(type)}";
        return false;
    }

    /// <summary>How the argument is written, for help texts.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(long) || type == typeof(int) => "an integer",
        _ when type == typeof(ulong) => "a non-negative integer",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateTimeOffset) => "an ISO 8601 timestamp (2026-01-01T00:00:00Z)",
        _ when type == typeof(TimeSpan) => "a duration ([-][d.]hh:mm:ss[.fffffff], or 30s, 5m, 2h, 1d, 250ms)",
        _ when type == typeof(Guid) => "a UUID",
        _ when type == typeof(ReadOnlyMemory<byte>) => "hex bytes (0a0bff)",
        _ when type == typeof(BigInteger) => "an integer of any size",
        _ when type == typeof(TowerValue) => $"a typed value ({ValueSyntax})",
        _ => type.Name,
    };

    private static bool TryParse(Type type, string text, out object? value)
    {
        value = null;
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            value = text;
        }
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var l))
        {
            value = l;
        }
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var i))
        {
            value = i;
        }
        else if (type == typeof(ulong) && ulong.TryParse(text, NumberStyles.None, invariant, out var u))
        {
            value = u;
        }
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, invariant, out var d))
        {
            value = d;
        }
        else if (type == typeof(bool) && bool.TryParse(text, out var b))
        {
            value = b;
        }
        else if (type == typeof(DateTimeOffset) && DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var t))
        {
            value = t;
        }
        else if (type == typeof(TimeSpan) && TryParseDuration(text, out var span))
        {
            value = span;
        }
        else if (type == typeof(Guid) && Guid.TryParse(text, out var g))
        {
            value = g;
        }
        else if (type == typeof(ReadOnlyMemory<byte>) && TryParseHex(text, out var bytes))
        {
            value = new ReadOnlyMemory<byte>(bytes);
        }
        else if (type == typeof(BigInteger) && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var big))
        {
            value = big;
        }
        else if (type == typeof(TowerValue) && TryParseValue(text, out var tower))
        {
            value = tower;
        }

        return value is not null;
    }

    private static bool TryParseValue(string text, out TowerValue value)
    {
        value = default;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? string.Empty : text[..colon];
        var body = colon < 0 ? text : text[(colon + 1)..];
        object? parsed = null;
        var known = prefix switch
        {
            "int" => TryParse(typeof(long), body, out parsed),
            "float" => TryParse(typeof(double), body, out parsed),
            "bool" => TryParse(typeof(bool), body, out parsed),
            "ts" => TryParse(typeof(DateTimeOffset), body, out parsed),
            "dur" => TryParse(typeof(TimeSpan), body, out parsed),
            "uuid" => TryParse(typeof(Guid), body, out parsed),
            "hex" => TryParse(typeof(ReadOnlyMemory<byte>), body, out parsed),
            "big" => TryParse(typeof(BigInteger), body, out parsed),
            "dec" => TowerDecimal.TryParse(body, out var dec) && (parsed = dec) is not null,
            "str" => (parsed = body) is not null,
            _ => (parsed = text) is not null,
        };
        if (!known)
        {
            return false;
        }

        value = parsed switch
        {
            long l => l,
            double d => d,
            bool b => b,
            DateTimeOffset t => t,
            TimeSpan s => s,
            Guid g => g,
            ReadOnlyMemory<byte> m => TowerValue.FromBytes(m.Span),
            BigInteger big => big,
            TowerDecimal dec => dec,
            _ => (string)parsed!,
        };
        return true;
    }

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        (string Suffix, double Ticks)[] units = [("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour), ("d", TimeSpan.TicksPerDay)];
        foreach (var (suffix, ticks) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && Math.Abs(amount * ticks) < long.MaxValue)
            {
                value = TimeSpan.FromTicks((long)(amount * ticks));
                return true;
            }
        }

        return false;
    }

    private static bool TryParseHex(string text, out byte[] bytes)
    {
        bytes = [];
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
