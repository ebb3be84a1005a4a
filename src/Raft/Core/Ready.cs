namespace RaftTower.Raft.Core;

/// <summary>
/// One batch of work the core hands to its host. Process it in this order, then call <see cref="RaftNode.Advance"/>:
/// install <see cref="Snapshot"/> (storage and state machine), append <see cref="Entries"/> and set
/// <see cref="HardState"/> in storage, <c>Sync()</c> (one fsync for the batch), only then send <see cref="Messages"/>,
/// apply <see cref="CommittedEntries"/>, and serve <see cref="ReadStates"/> once applied up to their index.
/// </summary>
public sealed class Ready
{
    /// <summary>Leader or role changed since the previous batch; null when unchanged.</summary>
    public SoftState? SoftState { get; init; }

    /// <summary>Term, vote or commit changed and must be persisted before <see cref="Messages"/> are sent; null when unchanged.</summary>
    public HardState? HardState { get; init; }

    /// <summary>Entries to append to storage before sending <see cref="Messages"/>.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>A snapshot received from the leader to install before appending <see cref="Entries"/>; null when none.</summary>
    public SnapshotMetadata? Snapshot { get; init; }

    /// <summary>Committed entries to apply to the state machine, in order.</summary>
    public IReadOnlyList<Entry> CommittedEntries { get; init; } = [];

    /// <summary>
    /// Messages to send once the batch is durable. An <see cref="MessageType.InstallSnapshot"/> is not sent as is:
    /// stream the data of the snapshot it names (<c>IRaftTransport.SendSnapshotAsync</c>), then tell the core the
    /// outcome with <see cref="RaftNode.ReportSnapshot"/>.
    /// </summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>Confirmed linearizable reads.</summary>
    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    /// <summary>True when storage must be synced before messages go out (entries, hard state or snapshot changed).</summary>
    public bool MustSync => Entries.Count > 0 || HardState is not null || Snapshot is not null;
}
