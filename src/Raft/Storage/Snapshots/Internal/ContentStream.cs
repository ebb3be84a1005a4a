namespace RaftTower.Raft.Storage.Snapshots.Internal;

/// <summary>A read-only, seekable window onto the content part of a snapshot file; owns the file.</summary>
internal sealed class ContentStream(FileStream file, long contentOffset, long contentLength) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => contentLength;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Position may not be negative.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var available = (int)Math.Min(buffer.Length, Math.Max(0, contentLength - _position));
        if (available == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(file.SafeFileHandle, buffer[..available], contentOffset + _position);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var available = (int)Math.Min(buffer.Length, Math.Max(0, contentLength - _position));
        if (available == 0)
        {
            return 0;
        }

        var read = await RandomAccess.ReadAsync(file.SafeFileHandle, buffer[..available], contentOffset + _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => contentLength + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A snapshot's content is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A snapshot's content is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
