using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>A verified snapshot open for reading. Dispose it to close the file.</summary>
public sealed class OpenedSnapshot : IDisposable
{
    internal OpenedSnapshot(SnapshotMetadata metadata, SnapshotFileInfo file, Stream content)
    {
        Metadata = metadata;
        File = file;
        Content = content;
    }

    /// <summary>What the snapshot covers, from its header.</summary>
    public SnapshotMetadata Metadata { get; }

    /// <summary>The file it was read from.</summary>
    public SnapshotFileInfo File { get; }

    /// <summary>The state machine's bytes: a read-only, seekable stream of exactly the content (header and trailer excluded).</summary>
    public Stream Content { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();
}
