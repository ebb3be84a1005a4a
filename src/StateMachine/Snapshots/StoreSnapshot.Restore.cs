using System.Buffers;
using System.Buffers.Binary;
using RaftTower.Internal;
using RaftTower.StateMachine.Snapshots.Internal;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Snapshots;

/// <summary>Restoring a snapshot.</summary>
public static partial class StoreSnapshot
{
    /// <summary>
    /// Loads the snapshot in <paramref name="source"/> into the empty store <paramref name="target"/>, checking
    /// every block's checksum before applying it and the whole stream's checksum, record count and end at the
    /// trailer. On any failure the target is cleared before the exception propagates, so it never holds part of
    /// a snapshot.
    /// </summary>
    /// <param name="source">A readable stream positioned at the snapshot's first byte; it must end at the trailer.</param>
    /// <param name="target">An empty store.</param>
    /// <param name="progress">Called after each block with the records and bytes restored so far.</param>
    /// <returns>The record count, length and checksum of the snapshot.</returns>
    /// <exception cref="SnapshotCorruptException">Bad magic or version, a checksum mismatch, truncation or
    /// trailing bytes; the message names the offset.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="target"/> is not empty (nothing is changed).</exception>
    public static SnapshotSummary Restore(Stream source, IKeyValueStore target, Action<SnapshotProgress>? progress = null)
    {
        CheckArguments(target, source, writing: false);
        if (target.Count != 0)
        {
            throw new InvalidOperationException(
                $"A snapshot restores only into an empty store; this one holds {target.Count} records. Clear it first.");
        }

        try
        {
            return RestoreInto(new SnapshotInput(source), target, progress);
        }
        catch
        {
            target.Clear();
            throw;
        }
    }

    private static SnapshotSummary RestoreInto(SnapshotInput input, IKeyValueStore target, Action<SnapshotProgress>? progress)
    {
        var declared = ReadHeader(input);
        var records = 0L;
        byte[]? previous = null;
        Span<byte> frame = stackalloc byte[BlockHeaderSize];
        Span<byte> crc = stackalloc byte[4];
        while (true)
        {
            var frameOffset = input.Offset;
            input.Read(frame[..1], "next block or trailer");
            if (frame[0] == TrailerKind)
            {
                break;
            }

            if (frame[0] != BlockKind)
            {
                throw new SnapshotCorruptException(frameOffset, $"unknown frame kind {frame[0]}");
            }

            input.Read(frame[1..], "block header");
            var length = BinaryPrimitives.ReadInt32LittleEndian(frame[1..]);
            var count = BinaryPrimitives.ReadInt32LittleEndian(frame[5..]);
            if (length <= 0 || length > MaxBlockBytes || count <= 0 || count > length / 2)
            {
                throw new SnapshotCorruptException(frameOffset, $"implausible block of {length} bytes and {count} records");
            }

            var payload = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var block = payload.AsSpan(0, length);
                input.Read(block, "block payload");
                var expectedCrc = Crc32C.Append(Crc32C.Compute(frame), block);
                input.Read(crc, "block checksum");
                if (BinaryPrimitives.ReadUInt32LittleEndian(crc) != expectedCrc)
                {
                    throw new SnapshotCorruptException(frameOffset, "block checksum mismatch");
                }

                previous = ApplyBlock(block, count, frameOffset, previous, target);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }

            records += count;
            progress?.Invoke(new SnapshotProgress(records, input.Offset));
        }

        return ReadTrailer(input, declared, records);
    }

    private static long ReadHeader(SnapshotInput input)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        input.Read(header, "header");
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            throw new SnapshotCorruptException(0, "bad magic: this is not a RaftTower store snapshot");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw new SnapshotCorruptException(8, $"unsupported format version {version} (this build reads version {FormatVersion})");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) != Crc32C.Compute(header[..20]))
        {
            throw new SnapshotCorruptException(20, "header checksum mismatch");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        var declared = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (flags != 0 || declared < -1)
        {
            throw new SnapshotCorruptException(10, $"invalid header fields (flags {flags}, record count {declared})");
        }

        return declared;
    }

    private static byte[]? ApplyBlock(ReadOnlySpan<byte> block, int count, long frameOffset, byte[]? previous, IKeyValueStore target)
    {
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            var recordOffset = frameOffset + BlockHeaderSize + pos;
            if (!RecordCodec.TryRead(block, ref pos, out var key, out var value))
            {
                throw new SnapshotCorruptException(recordOffset, $"record {i + 1} of {count} in the block is malformed");
            }

            // Keys ascend strictly across the snapshot: a duplicate or reordered key is corruption, never an overwrite.
            if (previous is not null && key.SequenceCompareTo(previous) <= 0)
            {
                throw new SnapshotCorruptException(recordOffset, "keys are not in strictly ascending order");
            }

            target.Put(key, value);
            previous = key.ToArray();
        }

        if (pos != block.Length)
        {
            throw new SnapshotCorruptException(frameOffset + BlockHeaderSize + pos, $"{block.Length - pos} unused bytes after the block's records");
        }

        return previous;
    }

    private static SnapshotSummary ReadTrailer(SnapshotInput input, long declared, long records)
    {
        var trailerOffset = input.Offset - 1;
        Span<byte> count = stackalloc byte[8];
        input.Read(count, "trailer");
        var computed = input.Crc;
        Span<byte> checksum = stackalloc byte[4];
        input.Read(checksum, "trailer checksum");
        if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != computed)
        {
            throw new SnapshotCorruptException(trailerOffset, "snapshot checksum mismatch");
        }

        var trailerCount = BinaryPrimitives.ReadInt64LittleEndian(count);
        if (trailerCount != records || (declared >= 0 && declared != records))
        {
            throw new SnapshotCorruptException(trailerOffset, $"the snapshot holds {records} records but declares {declared} (header) and {trailerCount} (trailer)");
        }

        if (!input.AtEnd())
        {
            throw new SnapshotCorruptException(input.Offset, "unexpected bytes after the trailer");
        }

        return new SnapshotSummary(records, input.Offset, computed);
    }
}
