using Microsoft.Win32.SafeHandles;

namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// One open segment file. Writes go to the OS at <see cref="Length"/> with positional I/O; <see cref="Flush"/>
/// is the fsync. The handle is opened with <see cref="FileShare.None"/> so a second process (or a second
/// <see cref="SegmentedLog"/>) cannot open the same log.
/// </summary>
internal sealed class Segment : IDisposable
{
    // Only for Flush(true), .NET's portable fsync; writes and reads go through the handle with explicit offsets.
    private readonly FileStream _flusher;

    private Segment(string path, long sequence, long firstIndex, SafeFileHandle handle, long length)
    {
        Path = path;
        Sequence = sequence;
        FirstIndex = firstIndex;
        Handle = handle;
        _flusher = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        Length = length;
        DurableLength = length;
    }

    public string Path { get; }

    public long Sequence { get; }

    /// <summary>The index the log's next entry had when this segment was created (the name's second part).</summary>
    public long FirstIndex { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>Bytes written (the next write's offset).</summary>
    public long Length { get; private set; }

    /// <summary>Bytes known to be on the device: the length at the last <see cref="Flush"/> (or at open).</summary>
    public long DurableLength { get; private set; }

    public bool Dirty => Length != DurableLength;

    public static Segment Open(string path, long sequence, long firstIndex) =>
        new(path, sequence, firstIndex, File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None), new FileInfo(path).Length);

    public static Segment Create(string directory, long sequence, long firstIndex)
    {
        var path = System.IO.Path.Combine(directory, SegmentName.Format(sequence, firstIndex));
        return new Segment(path, sequence, firstIndex, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None), 0);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        RandomAccess.Write(Handle, bytes, Length);
        Length += bytes.Length;
    }

    public void Flush()
    {
        _flusher.Flush(flushToDisk: true);
        DurableLength = Length;
    }

    /// <summary>Cuts the file back to <paramref name="length"/> (torn-tail repair) and makes the cut durable.</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(Handle, length);
        Length = length;
        Flush();
    }

    public void ReadExactly(Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(Handle, destination, offset);
            if (read == 0)
            {
                throw new WalCorruptionException(Path, offset, "the file ended inside a record it held when the log was opened");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    public void Dispose() => _flusher.Dispose();
}
