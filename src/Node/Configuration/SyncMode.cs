namespace RaftTower.Node.Configuration;

/// <summary>Durability of the write-ahead log.</summary>
public enum SyncMode
{
    /// <summary>fsync every batch before acknowledging or counting its entries (the Raft paper's requirement).</summary>
    Fsync,

    /// <summary>
    /// Never fsync: a crash of a majority at once can lose acknowledged writes. Only for tests and benchmarks
    /// that say so.
    /// </summary>
    None,
}
