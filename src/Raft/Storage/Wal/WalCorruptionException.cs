namespace RaftTower.Raft.Storage.Wal;

/// <summary>
/// The write-ahead log is damaged in a way a crash cannot explain (a bad record before the tail, a missing
/// segment). Opening stops; nothing on disk was deleted or modified, so an operator can inspect, back up or
/// restore the directory.
/// </summary>
public sealed class WalCorruptionException : IOException
{
    /// <summary>Damage at a byte offset of a file.</summary>
    public WalCorruptionException(string filePath, long offset, string problem)
        : base($"WAL file '{filePath}' is corrupt at byte offset {offset}: {problem}. {Advice}")
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>Damage not tied to one offset (a missing segment, entries missing from the start of the log).</summary>
    public WalCorruptionException(string filePath, string problem)
        : base($"WAL '{filePath}': {problem}. {Advice}")
    {
        FilePath = filePath;
    }

    /// <inheritdoc cref="WalCorruptionException(string, string)" />
    public WalCorruptionException()
        : base($"The WAL is corrupt. {Advice}")
    {
        FilePath = string.Empty;
    }

    /// <inheritdoc cref="WalCorruptionException(string, string)" />
    public WalCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <inheritdoc cref="WalCorruptionException(string, string)" />
    public WalCorruptionException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>The damaged file, or the directory / neighbouring segment a missing file was expected beside.</summary>
    public string FilePath { get; }

    /// <summary>The byte offset of the first bad record, when the damage is at one.</summary>
    public long? Offset { get; }

    private static string Advice =>
        "Nothing was deleted or modified. Restore this node's data directory from a backup, or remove it and let the node rejoin and catch up from the leader";
}
