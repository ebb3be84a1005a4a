namespace RaftTower.Raft.Core;

/// <summary>A read-only view of a node's state, for status pages, metrics and tests.</summary>
/// <param name="Id">This node.</param>
/// <param name="Term">Current term.</param>
/// <param name="VotedFor">Vote in the current term (0 = none).</param>
/// <param name="Role">Current role.</param>
/// <param name="Leader">Known leader (0 = unknown).</param>
/// <param name="Commit">Commit index.</param>
/// <param name="Applied">Index handed to the state machine and acknowledged by <see cref="RaftNode.Advance"/>.</param>
/// <param name="LastIndex">Index of the last entry in the log.</param>
/// <param name="Config">The configuration in effect (the latest one in the log).</param>
/// <param name="LeadTransferee">Target of a running leadership transfer (0 = none).</param>
public sealed record RaftStatus(
    ulong Id, long Term, ulong VotedFor, RaftRole Role, ulong Leader, long Commit, long Applied, long LastIndex, ConfigState Config, ulong LeadTransferee);
