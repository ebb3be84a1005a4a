using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Internal;
using RaftTower.Raft.Storage.Snapshots.Internal;

namespace RaftTower.Raft.Storage.Snapshots;

/// <summary>
/// Snapshots as files in one directory, each with its <see cref="SnapshotMetadata"/> in a checksummed header and a
/// CRC32C over its content (format in <c>Internal/SnapshotFileFormat</c> and docs/wal.md). A snapshot becomes
/// visible only complete: it is written to a temp file, fsynced, renamed into place, and the directory fsynced.
/// </summary>
/// <remarks>
/// Thread-safe: publishing and pruning are serialized; readers may open snapshots while a new one is written.
/// A corrupt snapshot file is reported and skipped, never deleted by the store. Leftover temp files (from a crash
/// while writing or receiving) are deleted when the store is constructed.
/// </remarks>
public sealed class FileSnapshotStore
{
    private readonly FileSnapshotStoreOptions _options;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) the store in <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public FileSnapshotStore(string directory, FileSnapshotStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _options = options ?? new FileSnapshotStoreOptions();
        _options.Validate();
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*" + SnapshotFileFormat.TempExtension))
        {
            File.Delete(temp);
        }
    }

    /// <summary>The full path of the store's directory.</summary>
    public string Directory { get; }

    /// <summary>Starts a new snapshot; write its content to the returned stream, then commit it.</summary>
    public SnapshotWriteStream Create(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new SnapshotWriteStream(this, metadata, NewTempPath());
    }

    /// <summary>Starts receiving a snapshot in chunks (InstallSnapshot from the leader).</summary>
    public SnapshotReceiver BeginReceive(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new SnapshotReceiver(this, metadata, NewTempPath());
    }

    /// <summary>The published snapshot files, newest (highest index, then term) first. Not verified.</summary>
    public IReadOnlyList<SnapshotFileInfo> List()
    {
        var files = new List<SnapshotFileInfo>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + SnapshotFileFormat.Extension))
        {
            if (SnapshotFileFormat.TryParseName(Path.GetFileName(path), out var index, out var term))
            {
                files.Add(new SnapshotFileInfo(path, index, term, new FileInfo(path).Length));
            }
        }

        files.Sort((a, b) => (b.Index, b.Term).CompareTo((a.Index, a.Term)));
        return files;
    }

    /// <summary>
    /// Opens the newest snapshot that verifies (header, trailer, content checksum), skipping and reporting newer
    /// corrupt ones (also through <see cref="FileSnapshotStoreOptions.OnCorruptSnapshot"/>).
    /// </summary>
    public LatestSnapshot OpenLatest()
    {
        var skipped = new List<CorruptSnapshot>();
        foreach (var file in List())
        {
            FileStream stream;
            try
            {
                stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
            }
            catch (FileNotFoundException)
            {
                continue; // pruned since it was listed
            }

            var check = Check(stream, file);
            if (check.Valid)
            {
                stream.Position = check.ContentOffset;
                return new LatestSnapshot(new OpenedSnapshot(check.Metadata!, file, new ContentStream(stream, check.ContentOffset, check.ContentLength)), skipped);
            }

            stream.Dispose();
            var corrupt = new CorruptSnapshot(file.Path, check.Problem!);
            skipped.Add(corrupt);
            _options.OnCorruptSnapshot?.Invoke(corrupt);
        }

        return new LatestSnapshot(null, skipped);
    }

    /// <summary>The raw bytes of a snapshot file, to send to a follower in chunks (<see cref="SnapshotReceiver"/> takes them).</summary>
    public static Stream OpenFile(SnapshotFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1 << 16);
    }

    /// <summary>Renames a complete, fsynced temp file into place, fsyncs the directory and prunes old snapshots.</summary>
    internal SnapshotFileInfo Publish(string tempPath, SnapshotMetadata metadata)
    {
        lock (_gate)
        {
            var path = Path.Combine(Directory, SnapshotFileFormat.FileName(metadata.Index, metadata.Term));
            File.Move(tempPath, path, overwrite: true);
            FileDurability.FlushDirectory(Directory);
            Prune();
            return new SnapshotFileInfo(path, metadata.Index, metadata.Term, new FileInfo(path).Length);
        }
    }

    private string NewTempPath() => Path.Combine(Directory, $"incoming-{Guid.NewGuid():N}{SnapshotFileFormat.TempExtension}");

    /// <summary>Keeps the newest <see cref="FileSnapshotStoreOptions.KeepCount"/> valid snapshots; deletes older valid ones; leaves corrupt ones.</summary>
    private void Prune()
    {
        var valid = 0;
        var deleted = false;
        foreach (var file in List())
        {
            using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1))
            {
                if (!Check(stream, file).Valid)
                {
                    continue;
                }
            }

            if (++valid > _options.KeepCount)
            {
                File.Delete(file.Path);
                deleted = true;
            }
        }

        if (deleted)
        {
            FileDurability.FlushDirectory(Directory);
        }
    }

    private static SnapshotFileCheck Check(FileStream stream, SnapshotFileInfo file)
    {
        var check = SnapshotFileFormat.Verify(stream);
        return check.Valid && (check.Metadata!.Index, check.Metadata.Term) != (file.Index, file.Term)
            ? SnapshotFileCheck.Bad($"the header says index {check.Metadata.Index}, term {check.Metadata.Term}, which does not match the file name")
            : check;
    }
}
