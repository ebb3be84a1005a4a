namespace RaftTower.Raft.Storage.Wal.Internal;

/// <summary>Where an entry's record body lives, its term (so <c>Term(i)</c> never touches the disk) and, for recent entries, its data.</summary>
internal struct EntryLocation
{
    public Segment Segment;
    public long BodyOffset;
    public int BodyLength;
    public long Term;

    /// <summary>The entry's data when it is in the recent-entries cache; default otherwise.</summary>
    public ReadOnlyMemory<byte>? Cached;
}
