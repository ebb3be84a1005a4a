namespace RaftTower.Raft.Core;

/// <summary>A cluster configuration: the voters (counted in quorums) and the learners (replicated to, never counted).</summary>
public sealed record ConfigState(IReadOnlyList<ulong> Voters, IReadOnlyList<ulong> Learners)
{
    /// <summary>No members.</summary>
    public static ConfigState Empty { get; } = new([], []);

    /// <summary>True when <paramref name="id"/> is a voter or a learner.</summary>
    public bool Contains(ulong id) => Voters.Contains(id) || Learners.Contains(id);

    /// <inheritdoc />
    public bool Equals(ConfigState? other) =>
        other is not null && Voters.SequenceEqual(other.Voters) && Learners.SequenceEqual(other.Learners);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Voters.Count, Learners.Count, Voters.Count > 0 ? Voters[0] : 0UL);
}
