namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>Settings of a <see cref="FileSnapshotStore"/>.</summary>
public sealed class FileSnapshotStoreOptions
{
    /// <summary>
    /// How many valid snapshots to keep; older valid ones are deleted after each new one is published. Default 2:
    /// the newest, and one to fall back to if the newest turns out damaged. Corrupt files are never deleted.
    /// </summary>
    public int KeepCount { get; set; } = 2;

    /// <summary>Called for each corrupt snapshot file skipped by <see cref="FileSnapshotStore.OpenLatest"/>, so the host can log it.</summary>
    public Action<CorruptSnapshot>? OnCorruptSnapshot { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (KeepCount < 1)
        {
            throw new ArgumentException($"KeepCount must be at least 1; it is {KeepCount}.", nameof(KeepCount));
        }
    }
}
