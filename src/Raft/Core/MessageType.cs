namespace RaftTower.Raft.Core;

/// <summary>What a <see cref="Message"/> asks or answers (Raft Figure 2 RPCs plus pre-vote, ReadIndex and transfer).</summary>
public enum MessageType : byte
{
    /// <summary>AppendEntries: entries after (<see cref="Message.Index"/>, <see cref="Message.LogTerm"/>) and the leader's commit.</summary>
    Append = 0,

    /// <summary>Answer to <see cref="Append"/> or <see cref="InstallSnapshot"/>: the matched index, or a rejection with a hint.</summary>
    AppendResponse = 1,

    /// <summary>RequestVote (§5.2).</summary>
    Vote = 2,

    /// <summary>Answer to <see cref="Vote"/>.</summary>
    VoteResponse = 3,

    /// <summary>Pre-vote (thesis §9.6): would you vote for me in the next term? Changes no state.</summary>
    PreVote = 4,

    /// <summary>Answer to <see cref="PreVote"/>.</summary>
    PreVoteResponse = 5,

    /// <summary>Leader heartbeat: carries the commit index (bounded by the follower's match) and the ReadIndex round.</summary>
    Heartbeat = 6,

    /// <summary>Answer to <see cref="Heartbeat"/>, echoing the ReadIndex round.</summary>
    HeartbeatResponse = 7,

    /// <summary>InstallSnapshot (§7): the metadata; the data travels beside it as <see cref="SnapshotChunk"/> messages.</summary>
    InstallSnapshot = 8,

    /// <summary>Leadership transfer (thesis §3.10): start an election now, ignoring leader leases.</summary>
    TimeoutNow = 9,

    /// <summary>A follower forwards a linearizable read to the leader (thesis §6.4).</summary>
    ReadIndex = 10,

    /// <summary>The leader's answer to <see cref="ReadIndex"/>: the confirmed read index.</summary>
    ReadIndexResponse = 11,

    /// <summary>Transport-level piece of snapshot data (offset, bytes, done); never stepped into the core.</summary>
    SnapshotChunk = 12,

    /// <summary>
    /// A follower tells its leader that it still follows it in the message's term, naming a read id in
    /// <see cref="Message.Context"/> (<see cref="RaftNode.ConfirmRead"/>): the confirmation a read sent alone waits for
    /// instead of a heartbeat round.
    /// </summary>
    ReadConfirm = 13,
}
