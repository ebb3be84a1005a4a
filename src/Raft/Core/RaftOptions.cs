namespace RaftTower.Raft.Core;

/// <summary>Settings of one <see cref="RaftNode"/>. Timing is in ticks: the host decides how long a tick is.</summary>
public sealed class RaftOptions
{
    /// <summary>This node's id (positive).</summary>
    public ulong Id { get; set; }

    /// <summary>
    /// The voters of a brand-new cluster. When the storage is empty, the node writes one configuration entry
    /// (index 1, term 1) holding them, identical on every initial member, as etcd's bootstrap does.
    /// Leave empty for a node that joins an existing cluster (it learns the configuration from the leader).
    /// </summary>
    public IReadOnlyList<ulong> InitialVoters { get; set; } = [];

    /// <summary>Ticks without hearing from a leader before a follower campaigns; the actual timeout is randomized in <c>[ElectionTicks, 2·ElectionTicks)</c> (§5.2). Default 10.</summary>
    public int ElectionTicks { get; set; } = 10;

    /// <summary>Ticks between leader heartbeats; must be below <see cref="ElectionTicks"/>. Default 1.</summary>
    public int HeartbeatTicks { get; set; } = 1;

    /// <summary>Ask for pre-votes before incrementing the term (thesis §9.6). Default true.</summary>
    public bool PreVote { get; set; } = true;

    /// <summary>
    /// Leader steps down after an election timeout without hearing from a quorum, and followers that heard from a
    /// leader within the election timeout ignore vote requests (the leader lease, thesis §4.2.3). Default true.
    /// </summary>
    public bool CheckQuorum { get; set; } = true;

    /// <summary>Most bytes of entries in one append message (at least one entry is always sent). Default 1 MiB.</summary>
    public long MaxBytesPerAppend { get; set; } = 1 << 20;

    /// <summary>Most append messages in flight to one follower while replicating (pipelining window). Default 256.</summary>
    public int MaxInflightMessages { get; set; } = 256;

    /// <summary>Most bytes of entries in flight to one follower. Default 32 MiB.</summary>
    public long MaxInflightBytes { get; set; } = 32L << 20;

    /// <summary>Most bytes of committed entries handed out in one ready batch. Default 16 MiB.</summary>
    public long MaxCommittedBytesPerReady { get; set; } = 16L << 20;

    /// <summary>The index the host's state machine has applied on start (its snapshot index or later); 0 for a fresh start.</summary>
    public long Applied { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (Id == 0)
        {
            throw new ArgumentException("RaftOptions.Id must be positive (0 means 'none' in votes and leader hints).");
        }

        if (ElectionTicks < 2)
        {
            throw new ArgumentException($"RaftOptions.ElectionTicks must be at least 2 (was {ElectionTicks}).");
        }

        if (HeartbeatTicks < 1 || HeartbeatTicks >= ElectionTicks)
        {
            throw new ArgumentException($"RaftOptions.HeartbeatTicks must be in [1, ElectionTicks) (was {HeartbeatTicks}, election {ElectionTicks}).");
        }

        if (MaxBytesPerAppend < 1 || MaxInflightMessages < 1 || MaxInflightBytes < 1 || MaxCommittedBytesPerReady < 1)
        {
            throw new ArgumentException("RaftOptions size and in-flight limits must be positive.");
        }

        if (Applied < 0)
        {
            throw new ArgumentException($"RaftOptions.Applied must not be negative (was {Applied}).");
        }

        if (InitialVoters.Contains(0UL) || InitialVoters.Distinct().Count() != InitialVoters.Count)
        {
            throw new ArgumentException("RaftOptions.InitialVoters must be distinct positive ids.");
        }

        if (InitialVoters.Count > 0 && !InitialVoters.Contains(Id))
        {
            throw new ArgumentException($"RaftOptions.InitialVoters must include this node ({Id}); a node joining later starts with none.");
        }
    }
}
