using Microsoft.Extensions.Logging;

namespace RaftTower.Client.Internal;

/// <summary>The client's log events (event ids 5000–5099). Debug level: the caller also gets every failure as an exception.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "{Operation}: {Endpoint} is not the leader; following the hint to {Leader} (term {Term})")]
    public static partial void Redirected(this ILogger logger, string operation, Uri endpoint, Uri leader, ulong term);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "{Operation}: attempt {Attempt} at {Endpoint} failed ({Reason}); retrying in {DelayMs:0} ms")]
    public static partial void Retrying(this ILogger logger, string operation, int attempt, Uri endpoint, string reason, double delayMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "{Operation} failed: {Code} after {Attempts} attempts")]
    public static partial void Failed(this ILogger logger, string operation, TowerErrorCode code, int attempts);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "ExecuteBatch of {Count} operations to {Endpoint} failed ({Status}); each fails as its own call would have")]
    public static partial void BatchFailed(this ILogger logger, int count, Uri endpoint, RaftTower.Protocol.Grpc.GrpcStatusCode status);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "{Endpoint} refused an ExecuteBatch of {Count} operations ({Status}); sending each as its own Execute call")]
    public static partial void BatchRefused(this ILogger logger, int count, Uri endpoint, RaftTower.Protocol.Grpc.GrpcStatusCode status);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "ConfirmRead to {Endpoint} failed ({Status}); not asking it for {PauseMs:0} ms (the read did not wait for it)")]
    public static partial void ReadConfirmFailed(this ILogger logger, Uri endpoint, RaftTower.Protocol.Grpc.GrpcStatusCode status, double pauseMs, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "{Endpoint} did not forward a ConfirmRead (it follows no leader, or another one); not asking it for {PauseMs:0} ms")]
    public static partial void ReadConfirmNotForwarded(this ILogger logger, Uri endpoint, double pauseMs);
}
