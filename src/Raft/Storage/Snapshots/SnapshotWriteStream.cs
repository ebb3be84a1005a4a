using RaftTower.Internal;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Snapshots.Internal;

namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>
/// A new snapshot being written: write the state machine's bytes to this stream, then <see cref="Commit"/>.
/// Until then the bytes live in a temp file that no reader sees; disposing without committing deletes it.
/// </summary>
/// <remarks>One writer; not thread-safe. <see cref="Commit"/> fsyncs the file, renames it into place and fsyncs the directory.</remarks>
public sealed class SnapshotWriteStream : Stream
{
    private readonly FileSnapshotStore _store;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private uint _crc;
    private long _contentLength;
    private bool _finished;

    internal SnapshotWriteStream(FileSnapshotStore store, SnapshotMetadata metadata, string tempPath)
    {
        _store = store;
        _tempPath = tempPath;
        Metadata = metadata;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
        _file.Write(SnapshotFileFormat.Header(metadata));
    }

    /// <summary>What the snapshot covers; written into its header.</summary>
    public SnapshotMetadata Metadata { get; }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_finished;

    /// <summary>Content bytes written so far.</summary>
    public override long Length => _contentLength;

    /// <summary>Content bytes written so far; cannot be set.</summary>
    public override long Position
    {
        get => _contentLength;
        set => throw new NotSupportedException("A snapshot is written front to back.");
    }

    /// <summary>Makes the snapshot durable and visible: trailer, fsync, atomic rename, directory fsync, then old snapshots beyond the kept count are deleted.</summary>
    /// <returns>The published file.</returns>
    public SnapshotFileInfo Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _file.Write(SnapshotFileFormat.Trailer(_contentLength, _crc));
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _finished = true;
        return _store.Publish(_tempPath, Metadata);
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _file.Write(buffer);
        _crc = Crc32C.Append(_crc, buffer);
        _contentLength += buffer.Length;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await _file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _crc = Crc32C.Append(_crc, buffer.Span);
        _contentLength += buffer.Length;
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Hands buffered bytes to the OS (durability comes with <see cref="Commit"/>).</summary>
    public override void Flush() => _file.Flush();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A snapshot write stream is write-only.");

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A snapshot is written front to back.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A snapshot is written front to back.");

    /// <summary>Abandons an uncommitted snapshot: its temp file is deleted.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            _finished = true;
            _file.Dispose();
            File.Delete(_tempPath);
        }

        base.Dispose(disposing);
    }
}
