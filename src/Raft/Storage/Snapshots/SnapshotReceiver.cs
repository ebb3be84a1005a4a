using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Snapshots.Internal;

namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>
/// A snapshot arriving from the leader in chunks (Raft §7, InstallSnapshot): the chunks are the bytes of the
/// leader's snapshot file (<see cref="FileSnapshotStore.OpenFile"/>), in order. They go to a temp file that is
/// published only when the last one has arrived and the whole file verifies and carries the expected metadata.
/// </summary>
/// <remarks>One writer; not thread-safe. Dispose abandons an unfinished receive and deletes its temp file.</remarks>
public sealed class SnapshotReceiver : IDisposable
{
    private readonly FileSnapshotStore _store;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private bool _ended;

    internal SnapshotReceiver(FileSnapshotStore store, SnapshotMetadata metadata, string tempPath)
    {
        _store = store;
        _tempPath = tempPath;
        Metadata = metadata;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
    }

    /// <summary>The metadata the leader announced; the received file's header must carry exactly this.</summary>
    public SnapshotMetadata Metadata { get; }

    /// <summary>Bytes received so far: the offset the next chunk must start at.</summary>
    public long NextOffset { get; private set; }

    /// <summary>Takes one chunk.</summary>
    /// <param name="offset">Where the chunk starts in the snapshot file; must be <see cref="NextOffset"/>.</param>
    /// <param name="data">The chunk's bytes.</param>
    /// <param name="done">True on the last chunk: the file is then verified and published.</param>
    public SnapshotChunkResult Receive(long offset, ReadOnlySpan<byte> data, bool done)
    {
        if (_ended)
        {
            return new(SnapshotChunkStatus.Invalid, NextOffset, "this receive has already ended; start a new one", null);
        }

        if (offset != NextOffset)
        {
            var what = offset > NextOffset ? "a chunk is missing before it" : "it repeats bytes already received";
            return new(SnapshotChunkStatus.OutOfOrder, NextOffset, $"chunk at offset {offset} refused: {what}; the next chunk must start at offset {NextOffset}", null);
        }

        _file.Write(data);
        NextOffset += data.Length;
        if (!done)
        {
            return new(SnapshotChunkStatus.Accepted, NextOffset, null, null);
        }

        _ended = true;
        _file.Flush(flushToDisk: true);
        var check = SnapshotFileFormat.Verify(_file);
        var problem = check.Problem
            ?? (check.Metadata != Metadata ? $"the received file holds snapshot (index {check.Metadata!.Index}, term {check.Metadata.Term}), not the announced (index {Metadata.Index}, term {Metadata.Term})" : null);
        _file.Dispose();
        if (problem is not null)
        {
            File.Delete(_tempPath);
            return new(SnapshotChunkStatus.Invalid, NextOffset, $"the received snapshot is invalid: {problem}", null);
        }

        return new(SnapshotChunkStatus.Published, NextOffset, null, _store.Publish(_tempPath, Metadata));
    }

    /// <summary>Abandons an unfinished receive: its temp file is deleted.</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            _file.Dispose();
            File.Delete(_tempPath);
        }
    }
}
