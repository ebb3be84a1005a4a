using System.Text;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>Entry builders for storage tests.</summary>
internal static class LogEntries
{
    public static Entry At(long index, long term, string? data = null) =>
        new(index, term, EntryType.Normal, 1000 + index, Encoding.UTF8.GetBytes(data ?? $"entry {index} term {term}"));

    /// <summary>Entries <c>[from, from + count)</c>, all of <paramref name="term"/>.</summary>
    public static Entry[] Range(long from, int count, long term, int dataBytes = 0) =>
        [.. Enumerable.Range(0, count).Select(i => dataBytes == 0
            ? At(from + i, term)
            : new Entry(from + i, term, (EntryType)(i % 3), 1000 + from + i, Payload(from + i, term, dataBytes)))];

    public static byte[] Payload(long index, long term, int bytes)
    {
        var data = new byte[bytes];
        new Random(HashCode.Combine(index, term)).NextBytes(data);
        return data;
    }

    /// <summary>Asserts two entry lists are equal field by field, data included.</summary>
    public static void AssertEqual(IReadOnlyList<Entry> expected, IReadOnlyList<Entry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.Index, e.Term, e.Type, e.Timestamp), (a.Index, a.Term, a.Type, a.Timestamp));
            Assert.True(e.Data.Span.SequenceEqual(a.Data.Span), $"data of entry {e.Index} differs");
        }
    }

    public static ConfigState Config(params ulong[] voters) => new(voters, []);
}
