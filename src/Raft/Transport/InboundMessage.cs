using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>A message received from a peer.</summary>
/// <param name="Message">The message, to be stepped into the core.</param>
/// <param name="SnapshotData">For an InstallSnapshot: the reassembled snapshot bytes, positioned at 0; null otherwise.</param>
public sealed record InboundMessage(Message Message, Stream? SnapshotData);
