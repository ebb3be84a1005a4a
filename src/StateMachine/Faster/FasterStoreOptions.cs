namespace RaftTower.StateMachine.Faster;

/// <summary>Settings of a <see cref="FasterKeyValueStore"/>. Plain values with documented defaults; <see cref="Validate"/> checks them.</summary>
public sealed class FasterStoreOptions
{
    /// <summary>The smallest accepted page: 64 KiB.</summary>
    public const int MinPageSizeBits = 16;

    /// <summary>
    /// The directory that holds the log segments (<c>log/</c>) and checkpoints (<c>checkpoints/</c>). Required.
    /// A store opened on a directory with a checkpoint recovers it.
    /// </summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Bytes of log kept in memory; older records spill to disk and are read back on demand. Rounded down to a
    /// power of two and at least one page. Default 512 MiB. The hash index (<see cref="IndexBuckets"/> × 64 B)
    /// comes on top.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = 512L << 20;

    /// <summary>
    /// log2 of the page size. A record (key + value + ~24 B) must fit in one page, so the default 25 (32 MiB)
    /// holds a 16 MiB value under a 64 KiB key. Smaller pages suit stores of small values.
    /// </summary>
    public int PageSizeBits { get; set; } = 25;

    /// <summary>log2 of the size of one log segment file (≥ <see cref="PageSizeBits"/>). Default 28 (256 MiB).</summary>
    public int SegmentSizeBits { get; set; } = 28;

    /// <summary>Number of 64-byte hash buckets (a power of two, each holding 7 keys before overflowing). Default 2^18 (16 MiB).</summary>
    public long IndexBuckets { get; set; } = 1L << 18;

    /// <summary>
    /// At a checkpoint, the log is compacted when it exceeds this many times the live data. Default 4. Must be ≥ 2.
    /// </summary>
    public int CompactionFactor { get; set; } = 4;

    /// <summary>No compaction below this log size. Default 64 MiB.</summary>
    public long CompactionMinLogBytes { get; set; } = 64L << 20;

    /// <summary>
    /// A checkpoint writes the hash index too (a full checkpoint) once the log has grown by this many bytes since the
    /// last one that did; the others write only the new part of the log. Recovery replays the log written since the
    /// last index checkpoint, so this bounds that replay (about 1 s per 128 MiB). Default 128 MiB; 0 = always full.
    /// </summary>
    public long IndexCheckpointLogBytes { get; set; } = 128L << 20;

    /// <summary>The page size in bytes.</summary>
    internal long PageSizeBytes => 1L << PageSizeBits;

    /// <summary>log2 of the memory budget, rounded down.</summary>
    internal int MemorySizeBits => 63 - (int)long.LeadingZeroCount(MemoryBudgetBytes);

    /// <summary>Throws <see cref="ArgumentException"/> naming every setting that is out of range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add($"{nameof(DataDirectory)} is required");
        }

        if (PageSizeBits is < MinPageSizeBits or > 30)
        {
            problems.Add($"{nameof(PageSizeBits)} is {PageSizeBits}; it must be {MinPageSizeBits}..30 (64 KiB..1 GiB pages)");
        }
        else if (MemoryBudgetBytes < PageSizeBytes)
        {
            problems.Add($"{nameof(MemoryBudgetBytes)} is {MemoryBudgetBytes}; it must hold at least one page of {PageSizeBytes} bytes ({nameof(PageSizeBits)} = {PageSizeBits})");
        }

        if (SegmentSizeBits < PageSizeBits || SegmentSizeBits > 40)
        {
            problems.Add($"{nameof(SegmentSizeBits)} is {SegmentSizeBits}; it must be {PageSizeBits} ({nameof(PageSizeBits)})..40");
        }

        if (IndexBuckets < 64 || IndexBuckets > (1L << 30) || (IndexBuckets & (IndexBuckets - 1)) != 0)
        {
            problems.Add($"{nameof(IndexBuckets)} is {IndexBuckets}; it must be a power of two in 64..2^30");
        }

        if (CompactionFactor < 2)
        {
            problems.Add($"{nameof(CompactionFactor)} is {CompactionFactor}; it must be at least 2");
        }

        if (CompactionMinLogBytes < 0)
        {
            problems.Add($"{nameof(CompactionMinLogBytes)} is {CompactionMinLogBytes}; it must not be negative");
        }

        if (IndexCheckpointLogBytes < 0)
        {
            problems.Add($"{nameof(IndexCheckpointLogBytes)} is {IndexCheckpointLogBytes}; it must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid FASTER store options: " + string.Join("; ", problems) + ".");
        }
    }
}
