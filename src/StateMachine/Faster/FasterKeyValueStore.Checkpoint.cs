using System.Buffers;
using System.Buffers.Binary;
using FASTER.core;

namespace RaftTower.StateMachine.Faster;

/// <summary>Local checkpoints and log compaction.</summary>
public sealed partial class FasterKeyValueStore
{
    private static readonly byte[] MetaName = "store"u8.ToArray();

    /// <summary>The log's tail at the last full checkpoint; -1 until this instance has taken one.</summary>
    private long _indexCheckpointTail = -1;

    /// <summary>
    /// Makes the current state durable: compacts the log first when it has grown far beyond the live data, then
    /// takes a FoldOver checkpoint — of the log and the hash index (full) when this is the first since the store was
    /// opened, the log was just compacted, or it has grown by <see cref="FasterStoreOptions.IndexCheckpointLogBytes"/>
    /// since the last full one; of the log alone otherwise (recovery then rebuilds the index from the last index
    /// checkpoint by replaying the log after it). Older checkpoints are removed by FASTER (it keeps the last log
    /// checkpoint and the last two index checkpoints). Blocks until the checkpoint is on disk.
    /// </summary>
    /// <remarks>Call between commands, from the thread that applies them.</remarks>
    /// <exception cref="InvalidOperationException">A <see cref="Freeze"/> view is still open.</exception>
    public void Checkpoint()
    {
        var session = Session;
        ThrowIfFrozen("checkpoint");
        session.CompletePending(wait: true);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var compacted = CompactIfBloated();
        var compaction = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        WriteMeta();
        var tail = Store.Log.TailAddress;
        var full = compacted || _indexCheckpointTail < 0 || tail - _indexCheckpointTail >= _options.IndexCheckpointLogBytes;
        var (success, _) = full
            ? Store.TakeFullCheckpointAsync(CheckpointType.FoldOver).AsTask().GetAwaiter().GetResult()
            : Store.TakeHybridLogCheckpointAsync(CheckpointType.FoldOver, tryIncremental: false).AsTask().GetAwaiter().GetResult();
        if (!success)
        {
            throw new InvalidOperationException($"FASTER did not take a checkpoint in '{_checkpointDirectory}': another one is in progress.");
        }

        LastCheckpoint = new CheckpointInfo(full, compacted ? compaction : null, System.Diagnostics.Stopwatch.GetElapsedTime(started) - compaction);
        if (full)
        {
            _indexCheckpointTail = tail;
        }
    }

    /// <summary>What the last <see cref="Checkpoint"/> did; null before the first.</summary>
    public CheckpointInfo? LastCheckpoint { get; private set; }

    /// <summary>
    /// Copies the live records of the read-only part of the log to its tail and moves the begin address past
    /// them, when the log exceeds <see cref="FasterStoreOptions.CompactionFactor"/> times the live data. The
    /// segment files below the new begin are deleted by the checkpoint that follows. True when it compacted.
    /// </summary>
    private bool CompactIfBloated()
    {
        var log = Store.Log;
        var logBytes = log.TailAddress - log.BeginAddress;
        if (logBytes < _options.CompactionMinLogBytes || logBytes < _options.CompactionFactor * Math.Max(_liveBytes, 1))
        {
            return false;
        }

        var until = log.SafeReadOnlyAddress;
        if (until <= log.BeginAddress)
        {
            return false;
        }

        Session.Compact(until, CompactionType.Lookup);
        return true;
    }

    private void WriteMeta()
    {
        Span<byte> meta = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(meta, _count);
        BinaryPrimitives.WriteInt64LittleEndian(meta[8..], _liveBytes);
        Upsert(TaggedKey(MetaTag, MetaName), meta);
    }

    private void ReadMeta()
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        if (!Read(TaggedKey(MetaTag, MetaName), buffer, out var length) || length != 16)
        {
            throw new InvalidDataException($"The FASTER checkpoint in '{_checkpointDirectory}' has no valid store metadata record.");
        }

        _count = BinaryPrimitives.ReadInt64LittleEndian(buffer.WrittenSpan);
        _liveBytes = BinaryPrimitives.ReadInt64LittleEndian(buffer.WrittenSpan[8..]);
    }
}

/// <summary>What one <see cref="FasterKeyValueStore.Checkpoint"/> did.</summary>
/// <param name="Full">True when it wrote the hash index too, false when it wrote the log only.</param>
/// <param name="Compaction">How long compacting the log took, or null when it was not compacted.</param>
/// <param name="Write">How long FASTER took to write the checkpoint.</param>
public readonly record struct CheckpointInfo(bool Full, TimeSpan? Compaction, TimeSpan Write)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Full ? "full" : "log-only")} checkpoint {Write.TotalMilliseconds:0} ms" + (Compaction is { } c ? $", compaction {c.TotalMilliseconds:0} ms" : string.Empty);
}
