using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>
/// The output of <c>smembers</c> and <c>lrange</c>: the format keeps <c>output</c> a string, so a
/// collection read is written as the text of a JSON array of strings (<c>"[\"a\",\"b\"]"</c>).
/// </summary>
internal static class ElementList
{
    /// <summary>Parses a JSON array of strings; null output reads as the empty collection.</summary>
    public static bool TryParse(string? output, out IReadOnlyList<string> elements)
    {
        elements = [];
        if (output is null)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<string>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                list.Add(item.GetString()!);
            }

            elements = list;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses an output already validated by the reader.</summary>
    public static IReadOnlyList<string> Parse(string? output) =>
        TryParse(output, out var elements) ? elements : throw new FormatException($"not a JSON array of strings: {output}");

    /// <summary>Formats elements as the JSON array text stored in <c>output</c>.</summary>
    public static string Format(IEnumerable<string> elements) => JsonSerializer.Serialize(elements.ToArray());
}
