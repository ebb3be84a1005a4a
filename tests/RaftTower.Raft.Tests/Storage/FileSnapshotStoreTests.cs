using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Snapshots;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>Snapshot files: atomic publish, verification, fallback past corrupt files, retention and chunked receive.</summary>
public sealed class FileSnapshotStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_committed_snapshot_opens_with_its_metadata_and_content()
    {
        var store = new FileSnapshotStore(_temp.Sub("snapshots"));
        var metadata = Metadata(42, 3);
        var content = LogEntries.Payload(42, 3, 300_000);

        SnapshotFileInfo published;
        using (var sink = store.Create(metadata))
        {
            sink.Write(content.AsSpan(0, 1000));
            await sink.WriteAsync(content.AsMemory(1000, 200_000));
            sink.Write(content, 201_000, content.Length - 201_000);
            published = sink.Commit();
        }

        var latest = store.OpenLatest();
        using var opened = latest.Snapshot!;
        Assert.Empty(latest.Skipped);
        Assert.Equal(metadata, opened.Metadata);
        Assert.Equal(published, opened.File);
        Assert.Equal(content, ReadAll(opened.Content));
        Assert.Equal([published], store.List());
    }

    [Fact]
    public void An_uncommitted_snapshot_leaves_no_file()
    {
        var store = new FileSnapshotStore(_temp.Sub("snapshots"));
        using (var sink = store.Create(Metadata(5, 1)))
        {
            sink.Write(new byte[1000]);
        }

        Assert.Empty(Directory.GetFiles(store.Directory));
        Assert.Null(store.OpenLatest().Snapshot);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Only_the_newest_valid_snapshots_are_kept(int keep)
    {
        var store = new FileSnapshotStore(_temp.Sub("snapshots"), new FileSnapshotStoreOptions { KeepCount = keep });

        foreach (var index in new long[] { 10, 20, 30, 40 })
        {
            Write(store, Metadata(index, 1), [1, 2, 3]);
        }

        Assert.Equal(new long[] { 40, 30, 20, 10 }.Take(keep), store.List().Select(f => f.Index));
    }

    [Fact]
    public void A_corrupt_newest_snapshot_is_reported_skipped_and_kept_while_an_older_one_opens()
    {
        var reported = new List<CorruptSnapshot>();
        var store = new FileSnapshotStore(_temp.Sub("snapshots"), new FileSnapshotStoreOptions { OnCorruptSnapshot = reported.Add });
        Write(store, Metadata(10, 1), [1, 2, 3]);
        var newest = Write(store, Metadata(20, 2), [4, 5, 6, 7]);
        var bytes = File.ReadAllBytes(newest.Path);
        bytes[^18] ^= 0x40; // inside the content
        File.WriteAllBytes(newest.Path, bytes);

        var latest = store.OpenLatest();
        using var opened = latest.Snapshot!;

        Assert.Equal(10, opened.Metadata.Index);
        Assert.Equal([1, 2, 3], ReadAll(opened.Content));
        var skipped = Assert.Single(latest.Skipped);
        Assert.Equal((newest.Path, "content checksum mismatch"), (skipped.Path, skipped.Problem));
        Assert.Equal(latest.Skipped, reported);
        Assert.Contains("left in place", skipped.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(newest.Path));
    }

    [Fact]
    public void A_truncated_snapshot_is_skipped()
    {
        var store = new FileSnapshotStore(_temp.Sub("snapshots"));
        Write(store, Metadata(10, 1), [1, 2, 3]);
        var newest = Write(store, Metadata(20, 2), new byte[5000]);
        using (var file = File.OpenHandle(newest.Path, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, 3000);
        }

        var latest = store.OpenLatest();
        using var opened = latest.Snapshot!;

        Assert.Equal(10, opened.Metadata.Index);
        Assert.Contains("trailer", Assert.Single(latest.Skipped).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_never_deletes_a_corrupt_snapshot()
    {
        var store = new FileSnapshotStore(_temp.Sub("snapshots"), new FileSnapshotStoreOptions { KeepCount = 1 });
        var corrupt = Write(store, Metadata(10, 1), [1, 2, 3]);
        File.WriteAllBytes(corrupt.Path, [.. File.ReadAllBytes(corrupt.Path).Select(b => (byte)~b)]);

        var second = Write(store, Metadata(20, 1), [4]);
        Write(store, Metadata(30, 1), [5]);

        Assert.True(File.Exists(corrupt.Path));
        Assert.False(File.Exists(second.Path));
        Assert.Equal(new long[] { 30, 10 }, store.List().Select(f => f.Index));
    }

    [Fact]
    public void A_snapshot_received_in_chunks_is_published_when_complete_and_valid()
    {
        var (source, metadata, content) = SourceSnapshot();
        var target = new FileSnapshotStore(_temp.Sub("target"));
        using var receiver = target.BeginReceive(metadata);

        SnapshotChunkResult result = default;
        foreach (var (offset, chunk, done) in Chunks(File.ReadAllBytes(source.Path), 4096))
        {
            Assert.Null(target.OpenLatest().Snapshot);   // nothing visible before the end
            result = receiver.Receive(offset, chunk, done);
            Assert.Equal(done ? SnapshotChunkStatus.Published : SnapshotChunkStatus.Accepted, result.Status);
        }

        using var opened = target.OpenLatest().Snapshot!;
        Assert.Equal(metadata, opened.Metadata);
        Assert.Equal(content, ReadAll(opened.Content));
        Assert.Equal(opened.File, result.Published);
    }

    [Fact]
    public void An_out_of_order_or_repeated_chunk_is_refused_and_the_receive_goes_on()
    {
        var (source, metadata, content) = SourceSnapshot();
        var chunks = Chunks(File.ReadAllBytes(source.Path), 4096).ToList();
        var target = new FileSnapshotStore(_temp.Sub("target"));
        using var receiver = target.BeginReceive(metadata);
        Assert.Equal(SnapshotChunkStatus.Accepted, receiver.Receive(chunks[0].Offset, chunks[0].Data, false).Status);

        var skipped = receiver.Receive(chunks[2].Offset, chunks[2].Data, false);
        var repeated = receiver.Receive(chunks[0].Offset, chunks[0].Data, false);

        Assert.Equal((SnapshotChunkStatus.OutOfOrder, 4096L), (skipped.Status, skipped.NextOffset));
        Assert.Contains("a chunk is missing", skipped.Problem, StringComparison.Ordinal);
        Assert.Contains("must start at offset 4096", skipped.Problem, StringComparison.Ordinal);
        Assert.Equal(SnapshotChunkStatus.OutOfOrder, repeated.Status);
        Assert.Contains("repeats", repeated.Problem, StringComparison.Ordinal);
        foreach (var (offset, chunk, done) in chunks.Skip(1))
        {
            receiver.Receive(offset, chunk, done);
        }

        using var opened = target.OpenLatest().Snapshot!;
        Assert.Equal(content, ReadAll(opened.Content));
    }

    [Fact]
    public void A_receive_ended_before_the_file_is_complete_is_invalid_and_publishes_nothing()
    {
        var (source, metadata, _) = SourceSnapshot();
        var chunks = Chunks(File.ReadAllBytes(source.Path), 4096).ToList();
        var target = new FileSnapshotStore(_temp.Sub("target"));
        using var receiver = target.BeginReceive(metadata);
        receiver.Receive(chunks[0].Offset, chunks[0].Data, false);

        var ended = receiver.Receive(chunks[1].Offset, chunks[1].Data, done: true);
        var after = receiver.Receive(chunks[2].Offset, chunks[2].Data, false);

        Assert.Equal(SnapshotChunkStatus.Invalid, ended.Status);
        Assert.Contains("the received snapshot is invalid", ended.Problem, StringComparison.Ordinal);
        Assert.Equal(SnapshotChunkStatus.Invalid, after.Status);
        Assert.Empty(Directory.GetFiles(target.Directory));
    }

    [Fact]
    public void A_received_file_for_another_snapshot_than_announced_is_invalid()
    {
        var (source, _, _) = SourceSnapshot();
        var target = new FileSnapshotStore(_temp.Sub("target"));
        using var receiver = target.BeginReceive(Metadata(99, 9));

        var result = receiver.Receive(0, File.ReadAllBytes(source.Path), done: true);

        Assert.Equal(SnapshotChunkStatus.Invalid, result.Status);
        Assert.Contains("not the announced (index 99, term 9)", result.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target.Directory));
    }

    [Fact]
    public void An_abandoned_receive_and_leftover_temp_files_are_deleted()
    {
        var dir = _temp.Sub("target");
        var target = new FileSnapshotStore(dir);
        using (var receiver = target.BeginReceive(Metadata(1, 1)))
        {
            receiver.Receive(0, new byte[100], false);
            Assert.Single(Directory.GetFiles(dir));
        }

        Assert.Empty(Directory.GetFiles(dir));
        File.WriteAllBytes(Path.Combine(dir, "incoming-crashed.tmp"), [1, 2, 3]);
        _ = new FileSnapshotStore(dir);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_keep_count_below_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new FileSnapshotStore(_temp.Sub("s"), new FileSnapshotStoreOptions { KeepCount = 0 }));

        Assert.Equal("KeepCount", error.ParamName);
    }

    private static SnapshotMetadata Metadata(long index, long term) => new(index, term, new ConfigState([1, 2, 3], [4]), index * 100);

    private static SnapshotFileInfo Write(FileSnapshotStore store, SnapshotMetadata metadata, byte[] content)
    {
        using var sink = store.Create(metadata);
        sink.Write(content);
        return sink.Commit();
    }

    private (SnapshotFileInfo File, SnapshotMetadata Metadata, byte[] Content) SourceSnapshot()
    {
        var source = new FileSnapshotStore(_temp.Sub("source"));
        var metadata = Metadata(77, 4);
        var content = LogEntries.Payload(77, 4, 20_000);
        return (Write(source, metadata, content), metadata, content);
    }

    private static IEnumerable<(long Offset, byte[] Data, bool Done)> Chunks(byte[] file, int size)
    {
        for (var offset = 0; offset < file.Length; offset += size)
        {
            yield return (offset, file[offset..Math.Min(file.Length, offset + size)], offset + size >= file.Length);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
