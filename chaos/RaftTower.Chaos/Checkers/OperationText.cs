using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>Short descriptions of operations for verdict explanations.</summary>
internal static class OperationText
{
    /// <summary>"op by client c [call, return]", with "?" for an unknown return.</summary>
    public static string Describe(Operation operation) =>
        string.Create(CultureInfo.InvariantCulture, $"{operation.Op} by client {operation.Client} [{operation.Call}, {operation.Return?.ToString(CultureInfo.InvariantCulture) ?? "?"}]");
}
