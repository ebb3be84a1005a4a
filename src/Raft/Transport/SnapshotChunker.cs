using System.Runtime.CompilerServices;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>Splits snapshot data into <see cref="MessageType.SnapshotChunk"/> messages (offset, bytes, done).</summary>
public static class SnapshotChunker
{
    /// <summary>The chunks of <paramref name="data"/> for <paramref name="install"/>; an empty snapshot is one empty, final chunk.</summary>
    public static IReadOnlyList<Message> Split(Message install, ReadOnlyMemory<byte> data, int chunkSize)
    {
        Validate(install, chunkSize);
        var chunks = new List<Message>();
        var offset = 0;
        do
        {
            var length = Math.Min(chunkSize, data.Length - offset);
            chunks.Add(Chunk(install, offset, data.Slice(offset, length), offset + length == data.Length));
            offset += length;
        }
        while (offset < data.Length);

        return chunks;
    }

    /// <summary>Reads <paramref name="data"/> to its end and yields its chunks.</summary>
    public static async IAsyncEnumerable<Message> ReadChunksAsync(
        Message install, Stream data, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Validate(install, chunkSize);
        ArgumentNullException.ThrowIfNull(data);
        long offset = 0;
        var buffer = new byte[chunkSize];
        var filled = await FillAsync(data, buffer, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var next = new byte[chunkSize];
            var nextFilled = filled == chunkSize ? await FillAsync(data, next, cancellationToken).ConfigureAwait(false) : 0;
            var done = nextFilled == 0;
            yield return Chunk(install, offset, buffer.AsMemory(0, filled), done);
            if (done)
            {
                yield break;
            }

            offset += filled;
            buffer = next;
            filled = nextFilled;
        }
    }

    private static async ValueTask<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static Message Chunk(Message install, long offset, ReadOnlyMemory<byte> data, bool done) =>
        new(MessageType.SnapshotChunk, install.From, install.To, install.Term)
        {
            Snapshot = install.Snapshot,
            ChunkOffset = offset,
            ChunkData = data,
            ChunkDone = done,
        };

    private static void Validate(Message install, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(install);
        if (install.Type != MessageType.InstallSnapshot || install.Snapshot is null)
        {
            throw new ArgumentException("Chunks are made from an InstallSnapshot message with metadata.", nameof(install));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
    }
}
