using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// The per-key sequential specification of HISTORY-FORMAT.md: a key holds a string or is absent
/// (null); every key starts absent.
/// </summary>
internal static class RegisterModel
{
    /// <summary>Applies an operation to a state: false when the operation could not have happened there.</summary>
    public static bool TryStep(string? state, in RegisterOp op, out string? next)
    {
        switch (op.Kind)
        {
            case OpKind.Get:
                next = state;
                return string.Equals(state, op.Output, StringComparison.Ordinal);
            case OpKind.Put:
                next = op.Value;
                return true;
            case OpKind.Append:
                next = string.Concat(state, op.Value);
                return true;
            case OpKind.Delete:
                next = null;
                return true;
            case OpKind.Cas when op.CasFailed:
                next = state;
                return !string.Equals(state, op.Expected, StringComparison.Ordinal);
            case OpKind.Cas:
                next = op.Value;
                return string.Equals(state, op.Expected, StringComparison.Ordinal);
            case OpKind.Add:
                return TryAdd(state, op, out next);
            default:
                next = state;
                return false;
        }
    }

    /// <summary>Renders a state for explanations.</summary>
    public static string Show(string? state) => state is null ? "absent" : $"\"{state}\"";

    private static bool TryAdd(string? state, in RegisterOp op, out string? next)
    {
        next = state;
        long current = 0;
        if (state is not null && !long.TryParse(state, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out current))
        {
            return false;
        }

        var sum = unchecked(current + op.Delta);
        if (((current ^ sum) & (op.Delta ^ sum)) < 0)
        {
            // Signed overflow: the format makes an add that would overflow int64 illegal.
            return false;
        }

        if (op.AddOutput is { } reported && reported != sum)
        {
            return false;
        }

        next = sum.ToString(CultureInfo.InvariantCulture);
        return true;
    }
}
