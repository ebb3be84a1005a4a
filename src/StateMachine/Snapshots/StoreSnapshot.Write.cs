using System.Buffers;
using System.Buffers.Binary;
using RaftTower.Internal;
using RaftTower.StateMachine.Snapshots.Internal;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Snapshots;

/// <summary>Writing a snapshot.</summary>
public static partial class StoreSnapshot
{
    /// <summary>
    /// Writes every live record of <paramref name="store"/> to <paramref name="destination"/> as one snapshot and
    /// flushes it. The records must not change meanwhile: call between commands for a store, or give a frozen view
    /// (<see cref="Faster.FasterKeyValueStore.Freeze"/>) to write while commands go on being applied.
    /// </summary>
    /// <param name="store">The store, or a frozen view of one, to snapshot.</param>
    /// <param name="destination">A writable stream; it receives exactly the snapshot's bytes.</param>
    /// <param name="progress">Called after each block with the records and bytes written so far.</param>
    /// <returns>The record count, length and checksum of the snapshot.</returns>
    /// <exception cref="InvalidOperationException">The store enumerated keys out of order, a count other than
    /// its <see cref="IOrderedRecords.Count"/>, or a record larger than <see cref="MaxBlockBytes"/>; the stream
    /// then holds an invalid snapshot.</exception>
    public static SnapshotSummary Write(IOrderedRecords store, Stream destination, Action<SnapshotProgress>? progress = null)
    {
        CheckArguments(store, destination, writing: true);
        var output = new SnapshotOutput(destination);
        var expected = store.Count;
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], expected);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], Crc32C.Compute(header[..20]));
        output.Write(header);

        var block = new ArrayBufferWriter<byte>(BlockTargetBytes);
        var blockRecords = 0;
        var records = 0L;
        byte[]? previous = null;
        foreach (var (key, value) in store.EnumerateOrdered())
        {
            if (previous is not null && previous.AsSpan().SequenceCompareTo(key) >= 0)
            {
                throw new InvalidOperationException("The store enumerated its keys out of order; no snapshot can be written.");
            }

            var size = RecordCodec.Size(key.Length, value.Length);
            if (BlockHeaderSize + size + 4L > MaxBlockBytes)
            {
                throw new InvalidOperationException($"A record of {size} bytes exceeds the snapshot block limit of {MaxBlockBytes} bytes.");
            }

            if (blockRecords > 0 && block.WrittenCount + size > BlockTargetBytes)
            {
                records += WriteBlock(output, block, blockRecords);
                blockRecords = 0;
                progress?.Invoke(new SnapshotProgress(records, output.Bytes));
            }

            RecordCodec.Write(block, key, value);
            blockRecords++;
            previous = key;
        }

        if (blockRecords > 0)
        {
            records += WriteBlock(output, block, blockRecords);
            progress?.Invoke(new SnapshotProgress(records, output.Bytes));
        }

        if (records != expected)
        {
            throw new InvalidOperationException($"The store reported {expected} records but enumerated {records}; the snapshot is invalid.");
        }

        Span<byte> trailer = stackalloc byte[1 + 8];
        trailer[0] = TrailerKind;
        BinaryPrimitives.WriteInt64LittleEndian(trailer[1..], records);
        output.Write(trailer);
        var checksum = output.Crc;
        Span<byte> checksumBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksumBytes, checksum);
        output.Write(checksumBytes);
        destination.Flush();
        return new SnapshotSummary(records, output.Bytes, checksum);
    }

    private static int WriteBlock(SnapshotOutput output, ArrayBufferWriter<byte> block, int records)
    {
        Span<byte> header = stackalloc byte[BlockHeaderSize];
        header[0] = BlockKind;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], block.WrittenCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[5..], records);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Append(Crc32C.Compute(header), block.WrittenSpan));
        output.Write(header);
        output.Write(block.WrittenSpan);
        output.Write(crc);
        block.ResetWrittenCount();
        return records;
    }
}
