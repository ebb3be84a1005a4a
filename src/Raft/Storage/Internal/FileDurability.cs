using System.Runtime.InteropServices;

namespace RaftTower.Raft.Storage.Internal;

/// <summary>
/// The directory fsync durable storage needs so that a created, renamed or deleted file name survives a power
/// loss, not only the file's bytes (those are flushed with <see cref="FileStream.Flush(bool)"/>).
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

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
