namespace RaftTower.StateMachine.Model;

/// <summary>A write as it travels in the Raft log: the command plus the client session it belongs to.</summary>
/// <param name="ClientId">The client's session id; 0 for commands outside any session (the leader's expirations).</param>
/// <param name="Sequence">The client's request number; a retry carries the same number.</param>
/// <param name="Watermark">Every result of a sequence below this one has been received by the client, so the state
/// machine may forget them.</param>
/// <param name="Command">The write.</param>
public readonly record struct CommandEnvelope(ulong ClientId, ulong Sequence, ulong Watermark, TowerCommand Command);
