using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>A message received from a peer.</summary>
/// <param name="Message">The message, to be stepped into the core.</param>
/// <param name="SnapshotData">For an InstallSnapshot: the reassembled snapshot bytes, positioned at 0; null otherwise.</param>
/// <param name="Connection">
/// The transport's number for the connection the message came on (increasing with each connection opened; 0 when
/// the transport has none), so a node can ignore what an earlier incarnation of a re-added member still had in flight.
/// </param>
public sealed record InboundMessage(Message Message, Stream? SnapshotData, long Connection = 0);
