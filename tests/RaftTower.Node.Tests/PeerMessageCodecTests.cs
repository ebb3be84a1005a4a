using System.Buffers;
using RaftTower.Node.Peers;
using RaftTower.Raft.Core;

namespace RaftTower.Node.Tests;

public class PeerMessageCodecTests
{
    private static readonly Message Full = new(MessageType.Append, 1, 2, 7)
    {
        LogTerm = 6,
        Index = 41,
        Commit = 40,
        Reject = true,
        RejectHint = 39,
        ReadRound = 5,
        LeaderTransfer = true,
        Context = new byte[] { 9, 8, 7 },
        ChunkOffset = 123,
        ChunkData = new byte[] { 1, 2, 3, 4 },
        ChunkDone = true,
        Snapshot = new SnapshotMetadata(30, 5, new ConfigState([1, 2, 3], [4]), 638_000_000_000_000_000),
        Entries =
        [
            new Entry(42, 7, EntryType.Normal, 638_000_000_000_000_001, new byte[] { 0xAA, 0xBB }),
            new Entry(43, 7, EntryType.Noop, 638_000_000_000_000_002, ReadOnlyMemory<byte>.Empty),
            new Entry(44, 7, EntryType.ConfigChange, 638_000_000_000_000_003, new byte[] { 1 }),
        ],
    };

    [Fact]
    public void Every_field_survives_a_round_trip()
    {
        var decoded = PeerMessageCodec.Read(Encode(Full));

        Assert.Equal((Full.Type, Full.From, Full.To, Full.Term, Full.LogTerm, Full.Index, Full.Commit), (decoded.Type, decoded.From, decoded.To, decoded.Term, decoded.LogTerm, decoded.Index, decoded.Commit));
        Assert.Equal((Full.Reject, Full.RejectHint, Full.ReadRound, Full.LeaderTransfer, Full.ChunkOffset, Full.ChunkDone), (decoded.Reject, decoded.RejectHint, decoded.ReadRound, decoded.LeaderTransfer, decoded.ChunkOffset, decoded.ChunkDone));
        Assert.Equal(Full.Context.ToArray(), decoded.Context.ToArray());
        Assert.Equal(Full.ChunkData.ToArray(), decoded.ChunkData.ToArray());
        Assert.Equal(Full.Snapshot, decoded.Snapshot);
        Assert.Equal(Full.Entries.Count, decoded.Entries.Count);
        for (var i = 0; i < Full.Entries.Count; i++)
        {
            var (expected, actual) = (Full.Entries[i], decoded.Entries[i]);
            Assert.Equal((expected.Index, expected.Term, expected.Type, expected.Timestamp), (actual.Index, actual.Term, actual.Type, actual.Timestamp));
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }
    }

    [Fact]
    public void A_message_without_optional_parts_round_trips()
    {
        var heartbeat = new Message(MessageType.Heartbeat, 3, 1, 2) { Commit = 9 };

        var decoded = PeerMessageCodec.Read(Encode(heartbeat));

        Assert.Equal((MessageType.Heartbeat, 3UL, 1UL, 2L, 9L), (decoded.Type, decoded.From, decoded.To, decoded.Term, decoded.Commit));
        Assert.Null(decoded.Snapshot);
        Assert.Empty(decoded.Entries);
    }

    [Fact]
    public void Every_truncation_is_a_protocol_error_never_another_exception()
    {
        var bytes = Encode(Full);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<PeerProtocolException>(() => PeerMessageCodec.Read(prefix));
        }
    }

    [Fact]
    public void Trailing_bytes_unknown_types_and_absurd_counts_are_refused()
    {
        var bytes = Encode(Full);
        Assert.Throws<PeerProtocolException>(() => PeerMessageCodec.Read([.. bytes, 0]));

        var unknownType = (byte[])bytes.Clone();
        unknownType[0] = 200;
        Assert.Contains("unknown message type", Assert.Throws<PeerProtocolException>(() => PeerMessageCodec.Read(unknownType)).Message, StringComparison.Ordinal);

        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            try
            {
                PeerMessageCodec.Read(garbage);
            }
            catch (PeerProtocolException)
            {
                // The only acceptable failure.
            }
        }
    }

    private static byte[] Encode(Message message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        PeerMessageCodec.Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }
}
