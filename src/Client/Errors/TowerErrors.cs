using RaftTower.Protocol.Grpc;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>
/// The one place client-facing exceptions are made, so every message has the same shape:
/// <c>Code: what happened (op=..., key=..., endpoint=..., leader-hint=..., term=..., elapsed=..., attempts=...)</c>.
/// </summary>
internal static class TowerErrors
{
    /// <summary>An argument the client rejects before sending anything.</summary>
    public static TowerOperationException InvalidArgument(string operation, string? key, string detail)
    {
        var diagnostics = new TowerErrorDiagnostics(operation, Cut(key), null, null, 0, TimeSpan.Zero, 0, 0, 0, 0);
        return new TowerOperationException(TowerErrorCode.InvalidArgument, Format(TowerErrorCode.InvalidArgument, detail, diagnostics), diagnostics);
    }

    /// <summary>A node's definite refusal (or session loss); <paramref name="mayHaveBeenApplied"/> matters only for session loss.</summary>
    public static TowerException FromNode(Wire.Error error, TowerErrorDiagnostics diagnostics, bool mayHaveBeenApplied)
    {
        var code = error.Code switch
        {
            Wire.ErrorCode.WrongType => TowerErrorCode.WrongType,
            Wire.ErrorCode.InvalidArgument => TowerErrorCode.InvalidArgument,
            Wire.ErrorCode.DivideByZero => TowerErrorCode.DivideByZero,
            Wire.ErrorCode.Overflow => TowerErrorCode.Overflow,
            Wire.ErrorCode.OutOfRange => TowerErrorCode.OutOfRange,
            Wire.ErrorCode.AlreadyExists => TowerErrorCode.AlreadyExists,
            Wire.ErrorCode.NotFound => TowerErrorCode.NotFound,
            Wire.ErrorCode.SessionExpired => TowerErrorCode.SessionExpired,
            _ => TowerErrorCode.Internal,
        };
        var detail = string.IsNullOrEmpty(error.Message) ? $"the node answered {error.Code}" : error.Message;
        var message = Format(code, detail, diagnostics);
        return code switch
        {
            TowerErrorCode.SessionExpired => new TowerConnectionException(code, message, diagnostics, mayHaveBeenApplied, null),
            TowerErrorCode.Internal => new TowerConnectionException(code, message, diagnostics, mayHaveBeenApplied, null),
            _ => new TowerOperationException(code, message, diagnostics),
        };
    }

    /// <summary>
    /// The deadline passed or the attempts ran out without a definite answer: Indeterminate when a write may have
    /// reached a node, otherwise Unavailable.
    /// </summary>
    public static TowerConnectionException NoAnswer(string reason, TowerErrorDiagnostics diagnostics, bool mayHaveBeenApplied, Exception? lastFailure)
    {
        var code = mayHaveBeenApplied ? TowerErrorCode.Indeterminate : TowerErrorCode.Unavailable;
        var detail = lastFailure is null ? reason : $"{reason}; last failure: {Describe(lastFailure)}";
        if (mayHaveBeenApplied)
        {
            detail += "; the write may or may not have been applied";
        }

        return new TowerConnectionException(code, Format(code, detail, diagnostics), diagnostics, mayHaveBeenApplied, lastFailure);
    }

    /// <summary>A gRPC status that retrying cannot fix (the node rejected the call itself: nothing was applied).</summary>
    public static TowerException CallRejected(GrpcCallException failure, TowerErrorDiagnostics diagnostics)
    {
        // The proto contract: a non-zero grpc-status means the call failed as a whole and nothing was applied.
        if (failure.Status is GrpcStatusCode.InvalidArgument or GrpcStatusCode.ResourceExhausted or GrpcStatusCode.OutOfRange)
        {
            var message = Format(TowerErrorCode.InvalidArgument, Describe(failure), diagnostics);
            return new TowerOperationException(TowerErrorCode.InvalidArgument, message, diagnostics);
        }

        return new TowerConnectionException(TowerErrorCode.Internal, Format(TowerErrorCode.Internal, Describe(failure), diagnostics), diagnostics, false, failure);
    }

    /// <summary>The node answered success with a result this client cannot read (a version mismatch).</summary>
    public static TowerConnectionException UnexpectedResult(string operation, string expected, Wire.Result? result, bool isWrite)
    {
        var diagnostics = new TowerErrorDiagnostics(operation, null, null, null, 0, TimeSpan.Zero, 0, 0, 0, 0);
        var got = result is null ? "no result" : $"a {result.KindCase} result";
        var detail = $"the node answered success with {got} where {expected} was expected (client and node versions differ?)";
        if (isWrite)
        {
            detail += "; the write was applied";
        }

        return new TowerConnectionException(TowerErrorCode.Internal, Format(TowerErrorCode.Internal, detail, diagnostics), diagnostics, isWrite, null);
    }

    private static string Format(TowerErrorCode code, string detail, TowerErrorDiagnostics diagnostics) => $"{code}: {detail} ({diagnostics})";

    private static string Describe(Exception failure) => failure is GrpcCallException call ? $"{call.Status} {call.Detail}" : failure.Message;

    internal static string? Cut(string? key) => key is { Length: > 100 } ? string.Concat(key.AsSpan(0, 100), "…") : key;
}
