using System.Text.Encodings.Web;
using System.Text.Json;
using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Report;

/// <summary>
/// Writes results.json: the overall verdict and, per checker, name, valid (true, false, or null when
/// unknown), outcome, ops, explanation and the failing slice as operations in the history format.
/// </summary>
/// <remarks>Written with relaxed escaping (quotes and non-ASCII kept readable): the file is data, never embedded in HTML.</remarks>
internal static class ResultsJson
{
    /// <summary>Writes the file, replacing any previous one.</summary>
    public static void Write(string path, RunReport report)
    {
        using var stream = File.Create(path);
        Write(stream, report);
    }

    /// <summary>Writes the document to a stream.</summary>
    public static void Write(Stream stream, RunReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("workload", report.Workload);
        json.WriteBoolean("valid", report.Passed);
        json.WriteNumber("ops", report.History.Count);
        json.WriteStartArray("checkers");
        foreach (var verdict in report.Verdicts)
        {
            json.WriteStartObject();
            json.WriteString("name", verdict.Checker);
            if (verdict.Outcome == VerdictOutcome.Unknown)
            {
                json.WriteNull("valid");
            }
            else
            {
                json.WriteBoolean("valid", verdict.Passed);
            }

            json.WriteString("outcome", verdict.Outcome.ToString().ToLowerInvariant());
            json.WriteNumber("ops", verdict.Operations);
            json.WriteString("explanation", verdict.Explanation);
            json.WriteStartArray("failingSlice");
            foreach (var operation in verdict.FailingSlice)
            {
                HistoryWriter.WriteObject(json, operation);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
