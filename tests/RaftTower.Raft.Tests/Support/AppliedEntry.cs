namespace RaftTower.Raft.Tests.Support;

/// <summary>What a test state machine remembers of an applied entry: enough to compare replicas.</summary>
public readonly record struct AppliedEntry(long Index, long Term, ulong DataHash, long Timestamp);
