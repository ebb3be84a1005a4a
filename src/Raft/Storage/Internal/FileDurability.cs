using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RaftTower.Raft.Storage.Internal;

/// <summary>
/// The directory fsync durable storage needs so that a created, renamed or deleted file name survives a power
/// loss, not only the file's bytes (those are flushed with <see cref="FileStream.Flush(bool)"/>); and, for the WAL,
/// fdatasync and preallocation through libc.
/// </summary>
internal static class FileDurability
{
    /// <summary>Flushes <paramref name="directory"/>'s entries to the device. A no-op on Windows, where NTFS journals names.</summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // .NET refuses to open a directory as a file, so this goes to libc: open(O_RDONLY), fsync, close.
        var fd = Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Flushes a file's data, and only the metadata needed to read it back, to the device: <c>fdatasync</c> on Linux
    /// (etcd's choice for its WAL), where it skips the inode's timestamps that <c>fsync</c> would journal as well.
    /// Elsewhere, or if the call is not supported, <see cref="FileStream.Flush(bool)"/> (fsync).
    /// </summary>
    /// <remarks>
    /// Enough for a write-ahead log whose file size only changes through <see cref="Allocate"/> or a truncation:
    /// fdatasync also persists a size change and the allocation state of the written blocks.
    /// </remarks>
    public static void FlushData(SafeFileHandle handle, FileStream fullFlush)
    {
        if (OperatingSystem.IsLinux() && !_noFdatasync)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = (int)handle.DangerousGetHandle();
                int result;
                do
                {
                    result = Fdatasync(fd);
                }
                while (result != 0 && Marshal.GetLastPInvokeError() == EINTR);

                if (result == 0)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is not (ENOSYS or EINVAL))
                {
                    throw new IOException($"fdatasync failed (errno {errno}).");
                }

                _noFdatasync = true; // not supported here: fall through to fsync from now on
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        fullFlush.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Extends the file to <paramref name="offset"/> + <paramref name="length"/> bytes with the blocks allocated
    /// (<c>posix_fallocate</c>; zeros to read), so that later writes inside it change neither the file size nor the
    /// block map's size. Where that is not available, the file is extended with <see cref="RandomAccess.SetLength"/>.
    /// </summary>
    public static void Allocate(SafeFileHandle handle, long offset, long length)
    {
        if (OperatingSystem.IsLinux() && Environment.Is64BitProcess && !_noFallocate)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var error = PosixFallocate((int)handle.DangerousGetHandle(), offset, length);
                if (error == 0)
                {
                    return;
                }

                if (error is not (EOPNOTSUPP or EINVAL or ENOSYS))
                {
                    throw new IOException($"posix_fallocate of {length} bytes at {offset} failed (errno {error}).");
                }

                _noFallocate = true;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        RandomAccess.SetLength(handle, offset + length);
    }

    private const int EINTR = 4;
    private const int EINVAL = 22;
    private const int ENOSYS = 38;
    private const int EOPNOTSUPP = 95;

    private static volatile bool _noFdatasync;
    private static volatile bool _noFallocate;

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int Fdatasync(int fd);

    // Returns the error number itself (it does not set errno). off_t is 64-bit on the 64-bit Linux targets .NET runs on.
    [DllImport("libc", EntryPoint = "posix_fallocate")]
    private static extern int PosixFallocate(int fd, long offset, long length);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
