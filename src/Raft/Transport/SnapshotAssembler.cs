using RaftTower.Raft.Core;

namespace RaftTower.Raft.Transport;

/// <summary>
/// Receiver side of a chunked snapshot transfer: accepts chunks of one transfer in order and yields the
/// InstallSnapshot message with the whole data once the last chunk arrives. A chunk at offset 0 starts a new transfer.
/// </summary>
/// <param name="sinkFactory">Creates the stream that receives the data of a new transfer (a file in production).</param>
public sealed class SnapshotAssembler(Func<SnapshotMetadata, Stream> sinkFactory)
{
    private Message? _current;
    private Stream? _sink;
    private long _received;

    /// <summary>An assembler that keeps the data in memory.</summary>
    public SnapshotAssembler()
        : this(_ => new MemoryStream())
    {
    }

    /// <summary>Accepts one chunk; on <see cref="SnapshotChunkOutcome.Complete"/>, <paramref name="completed"/> is the InstallSnapshot to step and its data.</summary>
    public SnapshotChunkOutcome Accept(Message chunk, out InboundMessage? completed)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        completed = null;
        if (chunk.Type != MessageType.SnapshotChunk || chunk.Snapshot is null)
        {
            throw new ArgumentException("Only SnapshotChunk messages with metadata are assembled.", nameof(chunk));
        }

        if (chunk.ChunkOffset == 0)
        {
            _sink?.Dispose();
            _current = chunk;
            _sink = sinkFactory(chunk.Snapshot);
            _received = 0;
        }
        else if (_current is null || _sink is null || !SameTransfer(_current, chunk) || chunk.ChunkOffset != _received)
        {
            return SnapshotChunkOutcome.Ignored;
        }

        _sink.Write(chunk.ChunkData.Span);
        _received += chunk.ChunkData.Length;
        if (!chunk.ChunkDone)
        {
            return SnapshotChunkOutcome.InProgress;
        }

        _sink.Position = 0;
        var install = new Message(MessageType.InstallSnapshot, chunk.From, chunk.To, chunk.Term) { Snapshot = chunk.Snapshot };
        completed = new InboundMessage(install, _sink);
        _sink = null;
        _current = null;
        return SnapshotChunkOutcome.Complete;
    }

    private static bool SameTransfer(Message a, Message b) =>
        a.From == b.From && a.Term == b.Term && a.Snapshot!.Index == b.Snapshot!.Index && a.Snapshot.Term == b.Snapshot.Term;
}
