using System.Buffers.Binary;
using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage.Internal;

/// <summary>
/// The on-disk form of <see cref="SnapshotMetadata"/>, shared by WAL snapshot records and snapshot file headers:
/// index, term, timestamp (i64 each), voter count, learner count (i32 each), then the voter and learner ids (u64).
/// Little-endian.
/// </summary>
internal static class SnapshotMetadataCodec
{
    private const int FixedSize = 8 + 8 + 8 + 4 + 4;

    public static int Size(SnapshotMetadata snapshot) => FixedSize + (8 * (snapshot.Config.Voters.Count + snapshot.Config.Learners.Count));

    public static int Write(Span<byte> destination, SnapshotMetadata snapshot)
    {
        var voters = snapshot.Config.Voters;
        var learners = snapshot.Config.Learners;
        BinaryPrimitives.WriteInt64LittleEndian(destination, snapshot.Index);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], snapshot.Term);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], snapshot.Timestamp);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], voters.Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], learners.Count);
        var at = FixedSize;
        foreach (var id in voters.Concat(learners))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[at..], id);
            at += 8;
        }

        return at;
    }

    /// <summary>Reads metadata that fills <paramref name="source"/> exactly; false when it does not fit or is negative.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SnapshotMetadata snapshot)
    {
        snapshot = SnapshotMetadata.None;
        if (source.Length < FixedSize)
        {
            return false;
        }

        var voterCount = BinaryPrimitives.ReadInt32LittleEndian(source[24..]);
        var learnerCount = BinaryPrimitives.ReadInt32LittleEndian(source[28..]);
        if (voterCount < 0 || learnerCount < 0 || source.Length != FixedSize + (8L * (voterCount + (long)learnerCount)))
        {
            return false;
        }

        var ids = new ulong[voterCount + learnerCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(FixedSize + (8 * i))..]);
        }

        snapshot = new SnapshotMetadata(
            BinaryPrimitives.ReadInt64LittleEndian(source),
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            new ConfigState(ids[..voterCount], ids[voterCount..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]));
        return snapshot.Index >= 0 && snapshot.Term >= 0;
    }
}
