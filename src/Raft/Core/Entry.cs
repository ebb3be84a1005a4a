namespace RaftTower.Raft.Core;

/// <summary>One Raft log entry.</summary>
/// <param name="Index">Position in the log, from 1.</param>
/// <param name="Term">Term of the leader that created it.</param>
/// <param name="Type">What <paramref name="Data"/> holds.</param>
/// <param name="Timestamp">
/// Leader-assigned time in UTC ticks (100 ns). Monotonic along the log, also across leader changes:
/// a leader never assigns less than the timestamp of the last entry in its log. The state machine's only clock.
/// </param>
/// <param name="Data">The payload; empty for <see cref="EntryType.Noop"/>.</param>
public readonly record struct Entry(long Index, long Term, EntryType Type, long Timestamp, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes this entry takes in messages and in the log, for flow control and batching limits.</summary>
    public int Size => 32 + Data.Length;
}
