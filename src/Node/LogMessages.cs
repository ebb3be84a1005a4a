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

    [LoggerMessage(1004, LogLevel.Warning, "Ignored a message from peer {PeerId}: {Reason}")]
    public static partial void PeerMessageRejected(this ILogger logger, ulong peerId, string reason);

    [LoggerMessage(1010, LogLevel.Information, "Node {NodeId} started: applied index {Applied}, last log index {LastIndex}")]
    public static partial void NodeStarted(this ILogger logger, ulong nodeId, long applied, long lastIndex);

    [LoggerMessage(1011, LogLevel.Information, "Node {NodeId} is now {Role} (leader {LeaderId}, term {Term})")]
    public static partial void RoleChanged(this ILogger logger, ulong nodeId, string role, ulong leaderId, long term);

    [LoggerMessage(1012, LogLevel.Warning, "Write-ahead log tail repaired: {Segment} truncated at offset {Offset} ({Bytes} bytes dropped): {Reason}")]
    public static partial void WalTailRepaired(this ILogger logger, string segment, long offset, long bytes, string reason);

    [LoggerMessage(1020, LogLevel.Information, "Snapshot at index {Index} taken ({Bytes} bytes, {Milliseconds:0} ms, apply held {HeldMilliseconds:0} ms: {Checkpoint}); log compacted")]
    public static partial void SnapshotTaken(this ILogger logger, long index, long bytes, double milliseconds, double heldMilliseconds, string checkpoint);

    [LoggerMessage(1021, LogLevel.Information, "Installed the leader's snapshot at index {Index} (term {Term})")]
    public static partial void SnapshotInstalled(this ILogger logger, long index, long term);

    [LoggerMessage(1022, LogLevel.Warning, "Sending a snapshot to peer {PeerId} failed: {Reason}")]
    public static partial void SnapshotTransferFailed(this ILogger logger, ulong peerId, string reason);

    [LoggerMessage(1030, LogLevel.Information, "Listening: client {ClientUrl}, peer {PeerUrl}, admin {HttpUrl}")]
    public static partial void Listening(this ILogger logger, string clientUrl, string peerUrl, string httpUrl);

    [LoggerMessage(1090, LogLevel.Critical, "The replica's event loop failed; the node stops (fail-stop)")]
    public static partial void LoopCrashed(this ILogger logger, Exception exception);
}
