namespace RaftTower.Raft.Storage.Wal;

/// <summary>Settings of a <see cref="SegmentedLog"/>. Every property has a production default.</summary>
public sealed class SegmentedLogOptions
{
    /// <summary>Smallest accepted <see cref="SegmentSize"/>: room for a segment's header records and a few entries.</summary>
    public const long MinSegmentSize = 256;

    /// <summary>Largest accepted <see cref="SegmentSize"/> (a segment is read whole at start-up).</summary>
    public const long MaxSegmentSize = 1L << 30;

    /// <summary>
    /// Size in bytes after which the active segment is closed and a new one started. Default 64 MiB (etcd's size).
    /// A segment may end up larger by the last batch appended to it: a batch is never split across segments.
    /// </summary>
    public long SegmentSize { get; set; } = 64L << 20;

    /// <summary>
    /// Bytes the active segment file is extended by ahead of the writes (zeros, blocks allocated with
    /// <c>posix_fallocate</c> where available), at most <see cref="SegmentSize"/> at a time. Default 16 MiB; 0 turns
    /// preallocation off. With it, a sync rarely has to record a new file size or newly mapped blocks, so it is an
    /// <c>fdatasync</c> of data only (etcd preallocates its segments for the same reason). A segment is cut back to
    /// its last record when the next one starts; the active one ends in zeros, which opening reads as the end of the
    /// log (docs/wal.md).
    /// </summary>
    public long PreallocateBytes { get; set; } = 16L << 20;

    /// <summary>What <see cref="SegmentedLog.Sync"/> does; default <see cref="WalSyncMode.Fsync"/>.</summary>
    public WalSyncMode SyncMode { get; set; } = WalSyncMode.Fsync;

    /// <summary>
    /// Bytes of recent entry data kept in memory so that reads of the log's tail (replication to followers,
    /// applying committed entries) do not touch the disk. Default 8 MiB; 0 disables the cache.
    /// </summary>
    public long EntryCacheBytes { get; set; } = 8L << 20;

    /// <summary>
    /// Called once at open when a torn tail was cut off, so the host can log it (the storage has no logger of its
    /// own). Default: none. The same report is in <see cref="SegmentedLog.Recovery"/>.
    /// </summary>
    public Action<WalTailRepair>? OnTailRepaired { get; set; }

    /// <summary>The preallocation step actually used: <see cref="PreallocateBytes"/>, at most one segment.</summary>
    internal long PreallocationStep => Math.Min(PreallocateBytes, SegmentSize);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (SegmentSize is < MinSegmentSize or > MaxSegmentSize)
        {
            throw new ArgumentException(
                $"SegmentSize must be between {MinSegmentSize} and {MaxSegmentSize} bytes; it is {SegmentSize}.", nameof(SegmentSize));
        }

        if (PreallocateBytes < 0)
        {
            throw new ArgumentException($"PreallocateBytes must be 0 or more; it is {PreallocateBytes}.", nameof(PreallocateBytes));
        }

        if (!Enum.IsDefined(SyncMode))
        {
            throw new ArgumentException($"SyncMode must be Fsync or None; it is {(int)SyncMode}.", nameof(SyncMode));
        }

        if (EntryCacheBytes < 0)
        {
            throw new ArgumentException($"EntryCacheBytes must be 0 or more; it is {EntryCacheBytes}.", nameof(EntryCacheBytes));
        }
    }
}
