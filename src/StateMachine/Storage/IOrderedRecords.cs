namespace RaftTower.StateMachine.Storage;

/// <summary>
/// A fixed set of records that can be enumerated in key order: what a snapshot is written from. A store is one (while
/// nothing is applied); <see cref="Faster.FasterKeyValueStore.Freeze"/> gives one that stays fixed while the store
/// keeps changing.
/// </summary>
public interface IOrderedRecords
{
    /// <summary>Number of live records.</summary>
    long Count { get; }

    /// <summary>
    /// Every live record, ordered by key bytes (ordinal, shorter prefix first), so that two sources holding the same
    /// records enumerate them identically.
    /// </summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered();
}
