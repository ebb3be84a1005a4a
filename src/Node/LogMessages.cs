using Microsoft.Extensions.Logging;

namespace RaftTower.Node;

/// <summary>The node's log events (ids 1000–1999), source-generated.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1001, LogLevel.Information, "Connected to peer {PeerId} at {Address}")]
    public static partial void PeerConnected(this ILogger logger, ulong peerId, string address);

    [LoggerMessage(1002, LogLevel.Debug, "Peer {PeerId} at {Address} unreachable: {Reason}")]
    public static partial void PeerUnreachable(this ILogger logger, ulong peerId, string address, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Closed peer connection from {Remote} (node {PeerId}): {Reason}")]
    public static partial void PeerProtocolViolation(this ILogger logger, string remote, ulong peerId, string reason);
}
