namespace RaftTower.StateMachine.Snapshots;

/// <summary>
/// A snapshot stream that is not a complete, intact snapshot of this format: wrong magic or version, a checksum
/// mismatch, truncation, or bytes after the trailer. The message names the byte offset where it was detected.
/// </summary>
public sealed class SnapshotCorruptException : Exception
{
    /// <summary>Creates the exception for a problem found at <paramref name="offset"/>.</summary>
    public SnapshotCorruptException(long offset, string problem)
        : base($"Snapshot is corrupt at byte offset {offset}: {problem}.")
    {
        Offset = offset;
    }

    /// <summary>Creates the exception with a message only (offset unknown, reported as -1).</summary>
    public SnapshotCorruptException(string message)
        : base(message)
    {
        Offset = -1;
    }

    /// <summary>Creates the exception with a message and its cause (offset unknown, reported as -1).</summary>
    public SnapshotCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Offset = -1;
    }

    /// <summary>Creates the exception with no detail.</summary>
    public SnapshotCorruptException()
        : this("Snapshot is corrupt.")
    {
    }

    /// <summary>The byte offset in the stream where the problem was detected, or -1 when unknown.</summary>
    public long Offset { get; }
}
