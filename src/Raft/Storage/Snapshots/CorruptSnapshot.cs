namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>A snapshot file that failed verification. It is left in place for an operator to inspect.</summary>
/// <param name="Path">The file.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record CorruptSnapshot(string Path, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"Snapshot file '{Path}' is corrupt ({Problem}); it was skipped and left in place.";
}
