using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>Typed, line-numbered access to the fields of one history line.</summary>
internal readonly struct LineFields(JsonElement root, int lineNumber)
{
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Error($"required field '{name}' is missing or null");

    public string? OptionalString(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error($"field '{name}' must be a string or null, found {value.ValueKind}");
    }

    public long RequiredInt64(string name) =>
        OptionalInt64(name) ?? throw Error($"required field '{name}' is missing or null");

    public long? OptionalInt64(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw Error($"field '{name}' must be a JSON integer (int64), found {value.GetRawText()}");
    }

    public bool? OptionalBool(string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"field '{name}' must be true, false or null, found {value.GetRawText()}"),
        };
    }

    private HistoryFormatException Error(string message) => new(lineNumber, message);
}
