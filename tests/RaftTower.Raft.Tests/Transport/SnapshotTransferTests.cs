using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;

namespace RaftTower.Raft.Tests.Transport;

public sealed class SnapshotTransferTests
{
    private static readonly Message Install = new(MessageType.InstallSnapshot, 1, 2, 3) { Snapshot = new SnapshotMetadata(10, 3, new ConfigState([1, 2], []), 99) };

    [Fact]
    public void Chunks_reassemble_into_the_original_data()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var chunks = SnapshotChunker.Split(Install, data, 64);
        var assembler = new SnapshotAssembler();
        InboundMessage? completed = null;
        foreach (var chunk in chunks)
        {
            var outcome = assembler.Accept(chunk, out completed);
            Assert.Equal(chunk.ChunkDone ? SnapshotChunkOutcome.Complete : SnapshotChunkOutcome.InProgress, outcome);
        }

        Assert.Equal(16, chunks.Count);
        Assert.Equal(MessageType.InstallSnapshot, completed!.Message.Type);
        Assert.Equal(Install.Snapshot, completed.Message.Snapshot);
        using var stream = new MemoryStream();
        completed.SnapshotData!.CopyTo(stream);
        Assert.Equal(data, stream.ToArray());
    }

    [Fact]
    public void Out_of_order_chunk_is_ignored_until_a_transfer_restarts()
    {
        var chunks = SnapshotChunker.Split(Install, new byte[300], 100);
        var assembler = new SnapshotAssembler();

        Assert.Equal(SnapshotChunkOutcome.Ignored, assembler.Accept(chunks[1], out _));
        Assert.Equal(SnapshotChunkOutcome.InProgress, assembler.Accept(chunks[0], out _));
        Assert.Equal(SnapshotChunkOutcome.Ignored, assembler.Accept(chunks[2], out _));
        Assert.Equal(SnapshotChunkOutcome.InProgress, assembler.Accept(chunks[1], out _));
        Assert.Equal(SnapshotChunkOutcome.Complete, assembler.Accept(chunks[2], out var completed));
        Assert.Equal(300, completed!.SnapshotData!.Length);
    }

    [Fact]
    public void Empty_snapshot_is_one_final_chunk()
    {
        var chunk = Assert.Single(SnapshotChunker.Split(Install, ReadOnlyMemory<byte>.Empty, 10));

        Assert.True(chunk.ChunkDone);
        Assert.Equal(SnapshotChunkOutcome.Complete, new SnapshotAssembler().Accept(chunk, out _));
    }

    [Fact]
    public async Task Streamed_chunks_match_the_split_ones()
    {
        var data = Enumerable.Range(0, 250).Select(i => (byte)(i * 7)).ToArray();
        var streamed = new List<Message>();
        await foreach (var chunk in SnapshotChunker.ReadChunksAsync(Install, new MemoryStream(data), 100))
        {
            streamed.Add(chunk);
        }

        var split = SnapshotChunker.Split(Install, data, 100);
        Assert.Equal(split.Select(c => (c.ChunkOffset, c.ChunkDone, c.ChunkData.ToArray().Length)), streamed.Select(c => (c.ChunkOffset, c.ChunkDone, c.ChunkData.ToArray().Length)));
        Assert.Equal(data, streamed.SelectMany(c => c.ChunkData.ToArray()));
    }

    [Fact]
    public void Chunking_refuses_a_message_that_is_not_an_install_snapshot()
    {
        Assert.Throws<ArgumentException>(() => SnapshotChunker.Split(new Message(MessageType.Append, 1, 2, 3), new byte[1], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SnapshotChunker.Split(Install, new byte[1], 0));
    }
}
