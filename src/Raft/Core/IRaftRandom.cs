namespace RaftTower.Raft.Core;

/// <summary>The only source of randomness the core uses (election timeout jitter); injected so runs are reproducible.</summary>
public interface IRaftRandom
{
    /// <summary>A uniformly distributed integer in <c>[0, maxExclusive)</c>.</summary>
    int NextInt(int maxExclusive);
}
