using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>
/// Reads a JSON Lines history: one operation per line, blank lines ignored, every other line
/// checked against the format; the first bad line stops the read with a <see cref="HistoryFormatException"/>
/// naming its line number, so a half-read history is never checked.
/// </summary>
internal static class HistoryReader
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "client", "op", "key", "value", "expected", "output", "ok", "call", "return", "meta",
    };

    /// <summary>Reads every operation of a history file.</summary>
    public static IReadOnlyList<Operation> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    /// <summary>Reads every operation from JSON Lines text.</summary>
    public static IReadOnlyList<Operation> Read(TextReader reader)
    {
        var operations = new List<Operation>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            operations.Add(ParseLine(line, lineNumber));
        }

        return operations;
    }

    /// <summary>Parses one non-blank line.</summary>
    public static Operation ParseLine(string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new HistoryFormatException(lineNumber, $"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HistoryFormatException(lineNumber, $"expected a JSON object, found {root.ValueKind}");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    throw new HistoryFormatException(lineNumber, $"unknown field '{property.Name}' (the format allows only {string.Join(", ", KnownFields)})");
                }
            }

            var fields = new LineFields(root, lineNumber);
            var opName = fields.RequiredString("op");
            if (!OpKinds.TryParse(opName, out var kind))
            {
                throw new HistoryFormatException(lineNumber, $"unknown op '{opName}' (expected one of {OpKinds.AllNames})");
            }

            var call = fields.RequiredInt64("call");
            var ret = fields.OptionalInt64("return");
            var ok = fields.OptionalBool("ok");
            if (ret is null && ok is not null)
            {
                throw new HistoryFormatException(lineNumber, "'ok' must be null when 'return' is null (indeterminate)");
            }

            if (ret is not null && ok is null)
            {
                throw new HistoryFormatException(lineNumber, "'ok' is required when 'return' is set");
            }

            if (ret < call)
            {
                throw new HistoryFormatException(lineNumber, $"'return' ({ret}) is before 'call' ({call})");
            }

            var operation = new Operation(
                fields.RequiredInt64("client"),
                opName,
                fields.RequiredString("key"),
                fields.OptionalString("value"),
                fields.OptionalString("expected"),
                fields.OptionalString("output"),
                ok,
                call,
                ret,
                root.TryGetProperty("meta", out var meta) && meta.ValueKind != JsonValueKind.Null ? meta.Clone() : null);
            ValidatePayload(operation, kind, lineNumber);
            return operation;
        }
    }

    private static void ValidatePayload(Operation operation, OpKind kind, int lineNumber)
    {
        switch (kind)
        {
            case OpKind.Put or OpKind.Append or OpKind.SetAdd or OpKind.ListPush when operation.Value is null:
                throw new HistoryFormatException(lineNumber, $"'{operation.Op}' needs a 'value'");
            case OpKind.Add when !IsInt64(operation.Value):
                throw new HistoryFormatException(lineNumber, $"'add' needs a decimal int64 delta in 'value', found {Show(operation.Value)}");
            case OpKind.Add when operation.Output is not null && !IsInt64(operation.Output):
                throw new HistoryFormatException(lineNumber, $"'add' output must be a decimal int64, found {Show(operation.Output)}");
            case OpKind.SetMembers or OpKind.ListRange when operation.Output is not null && !ElementList.TryParse(operation.Output, out _):
                throw new HistoryFormatException(lineNumber, $"'{operation.Op}' output must be a JSON array of strings, found {Show(operation.Output)}");
        }

        if (operation.Expected is not null && kind != OpKind.Cas)
        {
            throw new HistoryFormatException(lineNumber, "'expected' is only allowed on 'cas'");
        }
    }

    private static bool IsInt64(string? text) =>
        text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static string Show(string? text) => text is null ? "null" : $"\"{text}\"";
}
