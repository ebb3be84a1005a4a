using System.Buffers;
using System.Buffers.Binary;
using FASTER.core;

namespace RaftTower.StateMachine.Faster;

/// <summary>Local checkpoints and log compaction.</summary>
public sealed partial class FasterKeyValueStore
{
    private static readonly byte[] MetaName = "store"u8.ToArray();

    /// <summary>
    /// Makes the current state durable: compacts the log first when it has grown far beyond the live data, then
    /// takes a full FoldOver checkpoint (index + log). Older checkpoints are removed by FASTER (it keeps the last
    /// log checkpoint and the last two index checkpoints). Blocks until the checkpoint is on disk.
    /// </summary>
    /// <remarks>Call between commands, from the thread that applies them.</remarks>
    /// <exception cref="InvalidOperationException">A <see cref="Freeze"/> view is still open.</exception>
    public void Checkpoint()
    {
        var session = Session;
        ThrowIfFrozen("checkpoint");
        session.CompletePending(wait: true);
        CompactIfBloated();
        WriteMeta();
        var (success, _) = Store.TakeFullCheckpointAsync(CheckpointType.FoldOver).AsTask().GetAwaiter().GetResult();
        if (!success)
        {
            throw new InvalidOperationException($"FASTER did not take a checkpoint in '{_checkpointDirectory}': another one is in progress.");
        }
    }

    /// <summary>
    /// Copies the live records of the read-only part of the log to its tail and moves the begin address past
    /// them, when the log exceeds <see cref="FasterStoreOptions.CompactionFactor"/> times the live data. The
    /// segment files below the new begin are deleted by the checkpoint that follows.
    /// </summary>
    private void CompactIfBloated()
    {
        var log = Store.Log;
        var logBytes = log.TailAddress - log.BeginAddress;
        if (logBytes < _options.CompactionMinLogBytes || logBytes < _options.CompactionFactor * Math.Max(_liveBytes, 1))
        {
            return;
        }

        var until = log.SafeReadOnlyAddress;
        if (until > log.BeginAddress)
        {
            Session.Compact(until, CompactionType.Lookup);
        }
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
