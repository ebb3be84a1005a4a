using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Snapshots.Internal;

/// <summary>
/// The temp file behind a snapshot being written or received: invisible to readers until <see cref="Publish"/>
/// fsyncs it and hands it to the store for the atomic rename; <see cref="Abandon"/> deletes it.
/// </summary>
internal sealed class PendingSnapshotFile(FileSnapshotStore store, string tempPath)
{
    public FileStream File { get; } = new(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);

    /// <summary>True once published or abandoned.</summary>
    public bool Ended { get; private set; }

    /// <summary>Makes the bytes durable (fsync) without ending the file, so they can be verified before publishing.</summary>
    public void Flush() => File.Flush(flushToDisk: true);

    public SnapshotFileInfo Publish(SnapshotMetadata metadata)
    {
        Flush();
        File.Dispose();
        Ended = true;
        return store.Publish(tempPath, metadata);
    }

    public void Abandon()
    {
        if (!Ended)
        {
            Ended = true;
            File.Dispose();
            System.IO.File.Delete(tempPath);
        }
    }
}
