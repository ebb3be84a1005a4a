using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>One operation as the register model sees it: its kind and the values that decide legality.</summary>
internal readonly struct RegisterOp
{
    private RegisterOp(OpKind kind, string? value, string? expected, string? output, bool casFailed, long delta, long? addOutput)
    {
        Kind = kind;
        Value = value;
        Expected = expected;
        Output = output;
        CasFailed = casFailed;
        Delta = delta;
        AddOutput = addOutput;
    }

    public OpKind Kind { get; }

    public string? Value { get; }

    public string? Expected { get; }

    public string? Output { get; }

    /// <summary>A cas that completed with ok=false: the compare failed, so the current value differed from <see cref="Expected"/>.</summary>
    public bool CasFailed { get; }

    public long Delta { get; }

    /// <summary>For an add that reported its result: the sum it returned.</summary>
    public long? AddOutput { get; }

    /// <summary>True for operations that change nothing and only observe (a read, a failed cas).</summary>
    public bool IsObservation => Kind == OpKind.Get || CasFailed;

    /// <summary>Builds the model's view of a recorded operation (indeterminate ones carry no output).</summary>
    public static RegisterOp From(Operation operation)
    {
        var kind = operation.Kind;
        var determinate = !operation.IsIndeterminate;
        var delta = kind == OpKind.Add ? ParseInt64(operation.Value) ?? 0 : 0;
        var addOutput = kind == OpKind.Add && determinate ? ParseInt64(operation.Output) : null;
        return new RegisterOp(
            kind,
            operation.Value,
            operation.Expected,
            determinate ? operation.Output : null,
            kind == OpKind.Cas && operation.IsFailed,
            delta,
            addOutput);
    }

    private static long? ParseInt64(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
