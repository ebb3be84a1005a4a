using System.Buffers;
using RaftTower.Raft.Core;

namespace RaftTower.Node.Peers;

/// <summary>
/// Binary encoding of Raft <see cref="Message"/>s on the peer port. Fixed-width little-endian fields; every count and
/// length is checked against limits before allocating, so a hostile or corrupt frame costs nothing but a closed connection.
/// </summary>
internal static class PeerMessageCodec
{
    private const int MaxEntries = 1 << 20;
    private const int MaxMembers = 1 << 10;
    private const int MaxPayload = 64 << 20;

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        Reject = 1,
        LeaderTransfer = 2,
        ChunkDone = 4,
        HasSnapshot = 8,
    }

    public static void Write(IBufferWriter<byte> output, Message message)
    {
        var w = new WireWriter(output);
        w.WriteByte((byte)message.Type);
        w.WriteUInt64(message.From);
        w.WriteUInt64(message.To);
        w.WriteInt64(message.Term);
        w.WriteInt64(message.LogTerm);
        w.WriteInt64(message.Index);
        w.WriteInt64(message.Commit);
        w.WriteInt64(message.RejectHint);
        w.WriteInt64(message.ReadRound);
        w.WriteInt64(message.ChunkOffset);
        var flags = (message.Reject ? Flags.Reject : Flags.None) | (message.LeaderTransfer ? Flags.LeaderTransfer : Flags.None)
            | (message.ChunkDone ? Flags.ChunkDone : Flags.None) | (message.Snapshot is null ? Flags.None : Flags.HasSnapshot);
        w.WriteByte((byte)flags);
        w.WriteBytes(message.Context.Span);
        w.WriteBytes(message.ChunkData.Span);
        if (message.Snapshot is { } snapshot)
        {
            w.WriteInt64(snapshot.Index);
            w.WriteInt64(snapshot.Term);
            w.WriteInt64(snapshot.Timestamp);
            WriteIds(w, snapshot.Config.Voters);
            WriteIds(w, snapshot.Config.Learners);
        }

        w.WriteCount(message.Entries.Count);
        foreach (var entry in message.Entries)
        {
            w.WriteInt64(entry.Index);
            w.WriteInt64(entry.Term);
            w.WriteByte((byte)entry.Type);
            w.WriteInt64(entry.Timestamp);
            w.WriteBytes(entry.Data.Span);
        }
    }

    public static Message Read(ReadOnlySpan<byte> bytes)
    {
        var r = new WireReader(bytes);
        var type = r.ReadByte();
        if (!Enum.IsDefined((MessageType)type))
        {
            throw new PeerProtocolException($"unknown message type {type}");
        }

        var from = r.ReadUInt64();
        var to = r.ReadUInt64();
        var term = r.ReadInt64();
        var logTerm = r.ReadInt64();
        var index = r.ReadInt64();
        var commit = r.ReadInt64();
        var rejectHint = r.ReadInt64();
        var readRound = r.ReadInt64();
        var chunkOffset = r.ReadInt64();
        var flags = (Flags)r.ReadByte();
        var context = r.ReadBytes("context", MaxPayload);
        var chunk = r.ReadBytes("snapshot chunk", MaxPayload);
        SnapshotMetadata? snapshot = null;
        if (flags.HasFlag(Flags.HasSnapshot))
        {
            var snapshotIndex = r.ReadInt64();
            var snapshotTerm = r.ReadInt64();
            var timestamp = r.ReadInt64();
            var voters = ReadIds(ref r, "voters");
            var learners = ReadIds(ref r, "learners");
            snapshot = new SnapshotMetadata(snapshotIndex, snapshotTerm, new ConfigState(voters, learners), timestamp);
        }

        var count = r.ReadCount("entry count", MaxEntries);
        var entries = count == 0 ? [] : new Entry[count];
        for (var i = 0; i < count; i++)
        {
            var entryIndex = r.ReadInt64();
            var entryTerm = r.ReadInt64();
            var entryType = r.ReadByte();
            if (!Enum.IsDefined((EntryType)entryType))
            {
                throw new PeerProtocolException($"unknown entry type {entryType} in entry {i}");
            }

            var timestamp = r.ReadInt64();
            entries[i] = new Entry(entryIndex, entryTerm, (EntryType)entryType, timestamp, r.ReadBytes("entry data", MaxPayload));
        }

        r.EnsureEnd("message");
        return new Message((MessageType)type, from, to, term)
        {
            LogTerm = logTerm,
            Index = index,
            Commit = commit,
            RejectHint = rejectHint,
            ReadRound = readRound,
            ChunkOffset = chunkOffset,
            Reject = flags.HasFlag(Flags.Reject),
            LeaderTransfer = flags.HasFlag(Flags.LeaderTransfer),
            ChunkDone = flags.HasFlag(Flags.ChunkDone),
            Context = context,
            ChunkData = chunk,
            Snapshot = snapshot,
            Entries = entries,
        };
    }

    private static void WriteIds(WireWriter w, IReadOnlyList<ulong> ids)
    {
        w.WriteCount(ids.Count);
        foreach (var id in ids)
        {
            w.WriteUInt64(id);
        }
    }

    private static ulong[] ReadIds(ref WireReader r, string what)
    {
        var count = r.ReadCount(what, MaxMembers);
        var ids = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = r.ReadUInt64();
        }

        return ids;
    }
}
