namespace RaftTower.Raft.Core;

/// <summary>One message between Raft nodes. Unused fields keep their defaults.</summary>
/// <param name="Type">What the message is.</param>
/// <param name="From">Sender node id.</param>
/// <param name="To">Receiver node id.</param>
/// <param name="Term">The sender's term (for a pre-vote: the term it would campaign in).</param>
public sealed record Message(MessageType Type, ulong From, ulong To, long Term)
{
    /// <summary>Append: term of the entry before <see cref="Entries"/>; votes: the candidate's last log term; rejections: the term at <see cref="RejectHint"/>.</summary>
    public long LogTerm { get; init; }

    /// <summary>Append: index of the entry before <see cref="Entries"/>; votes: the candidate's last index; responses: the matched (or rejected) index; ReadIndexResponse: the read index.</summary>
    public long Index { get; init; }

    /// <summary>Entries carried by an <see cref="MessageType.Append"/>.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>The leader's commit index (Append, Heartbeat).</summary>
    public long Commit { get; init; }

    /// <summary>True when a request is refused (append mismatch, vote denied).</summary>
    public bool Reject { get; init; }

    /// <summary>Append rejection: the follower's guess of the last index that may match (fast conflict backoff).</summary>
    public long RejectHint { get; init; }

    /// <summary>ReadIndex and ReadIndexResponse: the caller's request context, returned unchanged; ReadConfirm: the read id (8 bytes, little-endian).</summary>
    public ReadOnlyMemory<byte> Context { get; init; }

    /// <summary>Heartbeat and HeartbeatResponse: the leader's ReadIndex round being confirmed.</summary>
    public long ReadRound { get; init; }

    /// <summary>Vote and PreVote sent because of <see cref="MessageType.TimeoutNow"/>: receivers ignore their leader lease.</summary>
    public bool LeaderTransfer { get; init; }

    /// <summary>InstallSnapshot and SnapshotChunk: what the snapshot covers.</summary>
    public SnapshotMetadata? Snapshot { get; init; }

    /// <summary>SnapshotChunk: byte offset of <see cref="ChunkData"/> in the snapshot data.</summary>
    public long ChunkOffset { get; init; }

    /// <summary>SnapshotChunk: the bytes of this chunk.</summary>
    public ReadOnlyMemory<byte> ChunkData { get; init; }

    /// <summary>SnapshotChunk: true on the last chunk.</summary>
    public bool ChunkDone { get; init; }

    /// <summary>Approximate size in bytes, for flow control and transport batching.</summary>
    public int Size
    {
        get
        {
            var size = 64 + Context.Length + ChunkData.Length;
            foreach (var entry in Entries)
            {
                size += entry.Size;
            }

            return size;
        }
    }
}
