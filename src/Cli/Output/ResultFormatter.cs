using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RaftTower.Client;

namespace RaftTower.Cli.Output;

/// <summary>
/// Prints an operation's result: as text in the style of redis-cli (<c>(nil)</c>, numbered list items), or as
/// JSON <c>{"result": ...}</c> where typed values keep their type (<c>{"type":"int","value":42}</c>).
/// </summary>
internal static class ResultFormatter
{
    public static void WriteText(TextWriter output, object? result, bool returnsValue)
    {
        switch (result)
        {
            case null when !returnsValue:
                output.WriteLine("OK");
                break;
            case null:
                output.WriteLine("(nil)");
                break;
            case IEnumerable items and not string and not byte[]:
                var index = 0;
                foreach (var item in items)
                {
                    output.WriteLine($"{++index}) {Text(item)}");
                }

                if (index == 0)
                {
                    output.WriteLine("(empty)");
                }

                break;
            default:
                output.WriteLine(Text(result));
                break;
        }
    }

    public static void WriteJson(Utf8JsonWriter json, object? result)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WritePropertyName("result");
        Write(json, result);
        json.WriteEndObject();
    }

    public static string Text(object? value) => value switch
    {
        null => "(nil)",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        TowerType type => type.ToString().ToLowerInvariant(),
        TowerValue v => v.Type == TowerType.Binary ? Convert.ToHexStringLower(v.AsBytes().Span) : v.ToString(),
        TimeSeriesPoint p => $"{Text(p.Timestamp)} {Text(p.Value)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case long or int:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case BigInteger or TowerDecimal or double:
                // Beyond what a JSON number keeps exactly: a string.
                json.WriteStringValue(Text(value));
                break;
            case TowerValue v:
                json.WriteStartObject();
                json.WriteString("type", Text(v.Type));
                json.WritePropertyName("value");
                Write(json, Unwrap(v));
                json.WriteEndObject();
                break;
            case TimeSeriesPoint p:
                json.WriteStartObject();
                json.WriteString("timestamp", Text(p.Timestamp));
                json.WritePropertyName("value");
                Write(json, p.Value);
                json.WriteEndObject();
                break;
            case IEnumerable items and not string and not byte[]:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static object Unwrap(TowerValue value) => value.Type switch
    {
        TowerType.String => value.AsString(),
        TowerType.Int => value.AsInt64(),
        TowerType.Float => value.AsDouble(),
        TowerType.Bool => value.AsBoolean(),
        TowerType.Timestamp => value.AsDateTimeOffset(),
        TowerType.Duration => value.AsTimeSpan(),
        TowerType.Uuid => value.AsGuid(),
        TowerType.Binary => value.AsBytes().ToArray(),
        TowerType.BigInt => value.AsBigInteger(),
        _ => value.AsTowerDecimal(),
    };
}
