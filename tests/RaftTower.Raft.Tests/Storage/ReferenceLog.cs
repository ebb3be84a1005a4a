using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;

namespace RaftTower.Raft.Tests.Storage;

/// <summary>The obvious in-memory meaning of <see cref="IRaftLogStorage"/>, to compare the WAL against.</summary>
internal sealed class ReferenceLog
{
    public List<Entry> Entries { get; } = [];

    public SnapshotMetadata Snapshot { get; private set; } = SnapshotMetadata.None;

    public HardState HardState { get; set; }

    public long LastIndex => Snapshot.Index + Entries.Count;

    public long Term(long index) => index == Snapshot.Index ? Snapshot.Term : Entries[(int)(index - Snapshot.Index - 1)].Term;

    public ReferenceLog Clone()
    {
        var copy = new ReferenceLog { Snapshot = Snapshot, HardState = HardState };
        copy.Entries.AddRange(Entries);
        return copy;
    }

    public void Append(IReadOnlyList<Entry> entries)
    {
        var keep = (int)(entries[0].Index - Snapshot.Index - 1);
        Entries.RemoveRange(keep, Entries.Count - keep);
        Entries.AddRange(entries);
    }

    /// <summary>Compacting or installing at the current snapshot index does nothing (the WAL's documented choice).</summary>
    public void Compact(SnapshotMetadata snapshot)
    {
        if (snapshot.Index == Snapshot.Index)
        {
            return;
        }

        Entries.RemoveRange(0, (int)(snapshot.Index - Snapshot.Index));
        Snapshot = snapshot;
    }

    public void Install(SnapshotMetadata snapshot)
    {
        if (snapshot.Index <= LastIndex && Term(snapshot.Index) == snapshot.Term)
        {
            Compact(snapshot);
        }
        else
        {
            Entries.Clear();
            Snapshot = snapshot;
        }
    }

    public void AssertMatches(IRaftLogStorage log)
    {
        Assert.Equal(HardState, log.HardState);
        Assert.Equal(Snapshot, log.Snapshot);
        Assert.Equal(Snapshot.Index + 1, log.FirstIndex);
        Assert.Equal(LastIndex, log.LastIndex);
        Assert.Equal(Snapshot.Term, log.Term(Snapshot.Index));
        LogEntries.AssertEqual(Entries, log.Entries(log.FirstIndex, log.LastIndex + 1));
    }
}
