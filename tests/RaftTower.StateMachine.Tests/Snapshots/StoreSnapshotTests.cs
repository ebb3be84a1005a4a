using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Snapshots;
using RaftTower.StateMachine.Storage;
using RaftTower.StateMachine.Tests.Faster;
using RaftTower.StateMachine.Tests.Storage;

namespace RaftTower.StateMachine.Tests.Snapshots;

public sealed class StoreSnapshotTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Round_trip_from_memory_to_faster_and_back_keeps_every_record()
    {
        using var source = new InMemoryKeyValueStore();
        Fill(source);
        var first = new MemoryStream();
        var written = StoreSnapshot.Write(source, first);

        using var faster = NewFaster();
        var restored = StoreSnapshot.Restore(new MemoryStream(first.ToArray()), faster);
        Assert.Equal(written, restored);
        Assert.Equal(source.EnumerateOrdered(), faster.EnumerateOrdered(), RecordComparer.Instance);

        var second = new MemoryStream();
        Assert.Equal(written, StoreSnapshot.Write(faster, second));
        using var back = new InMemoryKeyValueStore();
        StoreSnapshot.Restore(new MemoryStream(second.ToArray()), back);
        Assert.Equal(source.EnumerateOrdered(), back.EnumerateOrdered(), RecordComparer.Instance);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Same_records_give_identical_bytes_whatever_the_store_and_insertion_order()
    {
        using var ascending = new InMemoryKeyValueStore();
        using var faster = NewFaster();
        var records = Records().ToList();
        foreach (var (key, value) in records)
        {
            ascending.Put(key, value);
        }

        foreach (var (key, value) in Enumerable.Reverse(records))
        {
            faster.Put(key, [9, 9]);
            faster.Put(key, value);
        }

        var a = new MemoryStream();
        var b = new MemoryStream();
        var summary = StoreSnapshot.Write(ascending, a);
        Assert.Equal(summary, StoreSnapshot.Write(faster, b));
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Equal(records.Count, summary.Records);
        Assert.Equal(a.Length, summary.Bytes);
    }

    [Fact]
    public void Progress_is_reported_per_block_up_to_the_totals()
    {
        using var source = new InMemoryKeyValueStore();
        Fill(source);
        var writes = new List<SnapshotProgress>();
        var stream = new MemoryStream();
        var summary = StoreSnapshot.Write(source, stream, writes.Add);
        Assert.True(writes.Count > 3, $"{writes.Count} progress reports");
        Assert.Equal(writes.OrderBy(p => p.Records), writes);
        Assert.Equal(summary.Records, writes[^1].Records);

        var reads = new List<SnapshotProgress>();
        StoreSnapshot.Restore(new MemoryStream(stream.ToArray()), new InMemoryKeyValueStore(), reads.Add);
        Assert.Equal(writes.Select(p => p.Records), reads.Select(p => p.Records));
        Assert.Equal(writes.Select(p => p.Bytes), reads.Select(p => p.Bytes));
    }

    [Fact]
    public void An_empty_store_round_trips()
    {
        var stream = new MemoryStream();
        var summary = StoreSnapshot.Write(new InMemoryKeyValueStore(), stream);
        Assert.Equal(0, summary.Records);
        using var target = new InMemoryKeyValueStore();
        Assert.Equal(summary, StoreSnapshot.Restore(new MemoryStream(stream.ToArray()), target));
        Assert.Equal(0, target.Count);
    }

    [Fact]
    public void Restoring_into_a_non_empty_store_is_refused_and_changes_nothing()
    {
        var snapshot = Snapshot(out _);
        using var target = new InMemoryKeyValueStore();
        target.Put("mine"u8, "1"u8);
        var error = Assert.Throws<InvalidOperationException>(() => StoreSnapshot.Restore(new MemoryStream(snapshot), target));
        Assert.Contains("empty store", error.Message, StringComparison.Ordinal);
        Assert.Equal(["mine"u8.ToArray()], target.EnumerateOrdered().Select(r => r.Key));
    }

    [Theory]
    [InlineData(0, 0x20, "bad magic")]
    [InlineData(8, 0x03, "unsupported format version 2")]
    [InlineData(20, 0x01, "header checksum")]
    public void A_bad_header_is_reported_at_its_offset(int offset, byte flip, string problem)
    {
        var snapshot = Snapshot(out _);
        snapshot[offset] ^= flip;
        var error = AssertCorrupt(snapshot);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_garbage_is_reported_at_the_end_of_the_snapshot()
    {
        var snapshot = Snapshot(out _);
        var error = AssertCorrupt([.. snapshot, 0]);
        Assert.Equal(snapshot.Length, error.Offset);
        Assert.Contains("after the trailer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_flipped_bit_is_detected_and_leaves_the_target_empty()
    {
        var snapshot = Snapshot(out _);
        var bits = Gen.Choose(0, (snapshot.Length * 8) - 1).ToArbitrary();
        Prop.ForAll(bits, bit =>
        {
            var copy = (byte[])snapshot.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = AssertCorrupt(copy);
            Assert.InRange(error.Offset, 0, snapshot.Length);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Any_truncation_is_detected_and_leaves_the_target_empty()
    {
        var snapshot = Snapshot(out _);
        var lengths = Gen.Choose(0, snapshot.Length - 1).ToArbitrary();
        Prop.ForAll(lengths, length =>
        {
            var error = AssertCorrupt(snapshot[..length]);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
            Assert.Equal(length, error.Offset);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Corruption_in_the_last_block_leaves_a_faster_target_empty()
    {
        var snapshot = Snapshot(out var records);
        snapshot[^20] ^= 1;
        using var target = NewFaster();
        Assert.Throws<SnapshotCorruptException>(() => StoreSnapshot.Restore(new MemoryStream(snapshot), target));
        Assert.Equal(0, target.Count);
        Assert.Empty(target.EnumerateOrdered());
        Assert.True(records > 100);

        // The emptied store takes a good snapshot afterwards.
        snapshot[^20] ^= 1;
        Assert.Equal(records, StoreSnapshot.Restore(new MemoryStream(snapshot), target).Records);
    }

    private static SnapshotCorruptException AssertCorrupt(byte[] snapshot)
    {
        using var target = new InMemoryKeyValueStore();
        var error = Assert.Throws<SnapshotCorruptException>(() => StoreSnapshot.Restore(new MemoryStream(snapshot), target));
        Assert.Equal(0, target.Count);
        Assert.Contains($"offset {error.Offset}", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static byte[] Snapshot(out long records)
    {
        using var store = new InMemoryKeyValueStore();
        Fill(store);
        var stream = new MemoryStream();
        records = StoreSnapshot.Write(store, stream).Records;
        return stream.ToArray();
    }

    private static void Fill(IKeyValueStore store)
    {
        foreach (var (key, value) in Records())
        {
            store.Put(key, value);
        }
    }

    /// <summary>Several blocks' worth: small records, empty values, a 64 KiB key and a value larger than a block.</summary>
    private static IEnumerable<KeyValuePair<byte[], byte[]>> Records()
    {
        for (var i = 0; i < 400; i++)
        {
            yield return KeyValuePair.Create(System.Text.Encoding.UTF8.GetBytes($"key-{i * 7919 % 1000:D4}"), new byte[i % 3 == 0 ? 0 : i * 3 % 1000]);
        }

        yield return KeyValuePair.Create(Enumerable.Repeat((byte)'z', 65_536).ToArray(), "big key"u8.ToArray());
        yield return KeyValuePair.Create("large"u8.ToArray(), Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray());
    }

    private FasterKeyValueStore NewFaster() => new(new FasterStoreOptions
    {
        DataDirectory = Path.Combine(_directory.Path, Guid.NewGuid().ToString("N")),
        PageSizeBits = 20,
        MemoryBudgetBytes = 4 << 20,
        SegmentSizeBits = 22,
        IndexBuckets = 1 << 10,
    });
}
