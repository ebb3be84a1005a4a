using Microsoft.Win32.SafeHandles;
using RaftTower.Raft.Storage.Internal;

namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>
/// One open segment file. Writes go to the OS at <see cref="Length"/> with positional I/O; <see cref="Flush"/>
/// is the fdatasync (fsync where that is missing). The handle is opened with <see cref="FileShare.None"/> so a second
/// process (or a second <see cref="SegmentedLog"/>) cannot open the same log.
/// </summary>
/// <remarks>
/// With preallocation the file is extended ahead of the writes in steps of <c>preallocateBytes</c>
/// (<see cref="FileDurability.Allocate"/>), so most syncs find the file size and block map unchanged, as etcd does
/// with its preallocated segments. The file then ends in zeros after the last record (<see cref="Allocated"/> ≥
/// <see cref="Length"/>); the scan at open reads such a zero tail as the end of the log.
/// </remarks>
internal sealed class Segment : IDisposable
{
    // Only for Flush(true), .NET's portable fsync; writes and reads go through the handle with explicit offsets.
    private readonly FileStream _flusher;
    private readonly long _preallocateBytes;

    private Segment(string path, long sequence, long firstIndex, SafeFileHandle handle, long length, long preallocateBytes)
    {
        Path = path;
        Sequence = sequence;
        FirstIndex = firstIndex;
        Handle = handle;
        _flusher = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        _preallocateBytes = preallocateBytes;
        Length = length;
        DurableLength = length;
        Allocated = length;
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

    /// <summary>The file's size: <see cref="Length"/> plus the preallocated zeros after it.</summary>
    public long Allocated { get; private set; }

    /// <summary>Opens an existing segment; its <see cref="Length"/> is the file size until <see cref="EndAt"/> says where the records end.</summary>
    public static Segment Open(string path, long sequence, long firstIndex, long preallocateBytes = 0) =>
        new(path, sequence, firstIndex, File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None), new FileInfo(path).Length, preallocateBytes);

    public static Segment Create(string directory, long sequence, long firstIndex, long preallocateBytes = 0)
    {
        var path = System.IO.Path.Combine(directory, SegmentName.Format(sequence, firstIndex));
        return new Segment(path, sequence, firstIndex, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None), 0, preallocateBytes);
    }

    /// <summary>
    /// Sets where the records end, found by the scan at open, when only zeros follow (a preallocated tail): the next
    /// write goes there. The bytes before it were on the device at open (the open fsyncs them again).
    /// </summary>
    public void EndAt(long length)
    {
        if (length > Allocated)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"beyond the file's {Allocated} bytes");
        }

        Length = length;
        DurableLength = length;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var end = Length + bytes.Length;
        if (_preallocateBytes > 0 && end > Allocated)
        {
            // Allocate whole steps ahead: the size (and block map) change once per step, not with every batch.
            var target = end + _preallocateBytes - (end % _preallocateBytes);
            FileDurability.Allocate(Handle, Allocated, target - Allocated);
            Allocated = target;
        }

        RandomAccess.Write(Handle, bytes, Length);
        Length = end;
        Allocated = Math.Max(Allocated, end);
    }

    public void Flush()
    {
        FileDurability.FlushData(Handle, _flusher);
        DurableLength = Length;
    }

    /// <summary>Cuts the file back to <paramref name="length"/> (torn-tail repair) and makes the cut durable.</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(Handle, length);
        Length = length;
        Allocated = length;
        Flush();
    }

    /// <summary>Drops the preallocated zeros after the last record: the segment is being closed for good.</summary>
    public void Trim()
    {
        if (Allocated > Length)
        {
            RandomAccess.SetLength(Handle, Length);
            Allocated = Length;
        }
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
