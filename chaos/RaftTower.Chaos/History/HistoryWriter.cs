using System.Text;
using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>Writes operations as JSON Lines in the shared history format (fields in the format's order).</summary>
internal static class HistoryWriter
{
    /// <summary>Writes a history file, replacing any previous one.</summary>
    public static void WriteFile(string path, IEnumerable<Operation> operations)
    {
        using var stream = File.Create(path);
        Write(stream, operations);
    }

    /// <summary>Writes every operation, one line each, to a stream.</summary>
    public static void Write(Stream stream, IEnumerable<Operation> operations)
    {
        var newline = "\n"u8.ToArray();
        foreach (var operation in operations)
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                WriteObject(json, operation);
            }

            stream.Write(newline);
        }
    }

    /// <summary>The JSON Lines text of a history.</summary>
    public static string ToText(IEnumerable<Operation> operations)
    {
        using var stream = new MemoryStream();
        Write(stream, operations);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one operation as a JSON object.</summary>
    public static void WriteObject(Utf8JsonWriter json, Operation operation)
    {
        json.WriteStartObject();
        json.WriteNumber("client", operation.Client);
        json.WriteString("op", operation.Op);
        json.WriteString("key", operation.Key);
        json.WriteString("value", operation.Value);
        json.WriteString("expected", operation.Expected);
        json.WriteString("output", operation.Output);
        if (operation.Ok is { } ok)
        {
            json.WriteBoolean("ok", ok);
        }
        else
        {
            json.WriteNull("ok");
        }

        json.WriteNumber("call", operation.Call);
        if (operation.Return is { } ret)
        {
            json.WriteNumber("return", ret);
        }
        else
        {
            json.WriteNull("return");
        }

        if (operation.Meta is { } meta)
        {
            json.WritePropertyName("meta");
            meta.WriteTo(json);
        }

        json.WriteEndObject();
    }
}
