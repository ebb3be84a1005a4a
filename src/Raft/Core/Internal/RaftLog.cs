using RaftTower.Raft.Storage;

namespace RaftTower.Raft.Core.Internal;

/// <summary>
/// The core's view of the log: the durable part in <see cref="IRaftLogStorage"/> followed by the unstable entries
/// (and possibly a received snapshot) not yet persisted by the host. Indices below the unstable offset are durable.
/// </summary>
internal sealed class RaftLog
{
    private readonly IRaftLogStorage _storage;
    private readonly List<Entry> _unstable = [];
    private long _offset;

    public RaftLog(IRaftLogStorage storage, long applied)
    {
        _storage = storage;
        _offset = storage.LastIndex + 1;
        var snapshotIndex = storage.Snapshot.Index;
        Committed = Math.Max(storage.HardState.Commit, snapshotIndex);
        if (Committed > storage.LastIndex)
        {
            throw new InvalidOperationException(
                $"Storage is inconsistent: hard state commit {Committed} is beyond the last log index {storage.LastIndex}.");
        }

        Applied = Math.Max(applied, snapshotIndex);
        if (Applied > Committed)
        {
            throw new ArgumentException($"Applied index {Applied} is beyond the committed index {Committed}.", nameof(applied));
        }
    }

    public long Committed { get; private set; }

    public long Applied { get; private set; }

    /// <summary>A snapshot received from the leader, not yet installed by the host.</summary>
    public SnapshotMetadata? PendingSnapshot { get; private set; }

    public long FirstIndex => PendingSnapshot is { } snapshot ? snapshot.Index + 1 : _storage.FirstIndex;

    public long LastIndex => _unstable.Count > 0 ? _offset + _unstable.Count - 1 : PendingSnapshot?.Index ?? _storage.LastIndex;

    public long LastTerm => Term(LastIndex) ?? throw new InvalidOperationException($"No term for the last index {LastIndex}.");

    /// <summary>The last index persisted by the host: what the leader may count as its own match.</summary>
    public long PersistedIndex => _offset - 1;

    public IReadOnlyList<Entry> UnstableEntries => _unstable;

    /// <summary>Term of the entry at <paramref name="index"/>; null when compacted away or beyond the end.</summary>
    public long? Term(long index)
    {
        if (index > LastIndex || index < 0)
        {
            return null;
        }

        if (PendingSnapshot is { } snapshot)
        {
            if (index == snapshot.Index)
            {
                return snapshot.Term;
            }

            if (index < snapshot.Index)
            {
                return null;
            }
        }

        if (index >= _offset)
        {
            return _unstable[(int)(index - _offset)].Term;
        }

        if (index < _storage.Snapshot.Index)
        {
            return null;
        }

        return _storage.Term(index);
    }

    public bool MatchTerm(long index, long term) => Term(index) == term;

    /// <summary>Timestamp of the last entry (or of the snapshot when the log is empty): the floor for new entries.</summary>
    public long LastTimestamp
    {
        get
        {
            if (_unstable.Count > 0)
            {
                return _unstable[^1].Timestamp;
            }

            if (PendingSnapshot is { } snapshot)
            {
                return snapshot.Timestamp;
            }

            var last = _storage.LastIndex;
            return last == _storage.Snapshot.Index ? _storage.Snapshot.Timestamp : _storage.Entries(last, last + 1)[0].Timestamp;
        }
    }

    /// <summary>Entries <c>[from, toExclusive)</c> up to about <paramref name="maxBytes"/>; null when <paramref name="from"/> is compacted.</summary>
    public IReadOnlyList<Entry>? Entries(long from, long toExclusive, long maxBytes)
    {
        if (from < FirstIndex)
        {
            return null;
        }

        toExclusive = Math.Min(toExclusive, LastIndex + 1);
        if (from >= toExclusive)
        {
            return [];
        }

        var result = new List<Entry>();
        long bytes = 0;
        if (from < _offset)
        {
            var stored = _storage.Entries(from, Math.Min(toExclusive, _offset), maxBytes);
            foreach (var entry in stored)
            {
                result.Add(entry);
                bytes += entry.Size;
            }

            if (bytes >= maxBytes || result[^1].Index + 1 < Math.Min(toExclusive, _offset))
            {
                return result;
            }

            from = _offset;
        }

        for (var index = from; index < toExclusive && EntryBatch.TryAdd(result, _unstable[(int)(index - _offset)], ref bytes, maxBytes); index++)
        {
        }

        return result;
    }

    /// <summary>Leader append of new entries at the end of the log.</summary>
    public void Append(Entry entry)
    {
        if (entry.Index != LastIndex + 1)
        {
            throw new InvalidOperationException($"Append at {entry.Index} after last index {LastIndex}.");
        }

        _unstable.Add(entry);
    }

    /// <summary>
    /// Figure 2 AppendEntries receiver rules 2-5: when the log holds (<paramref name="prevIndex"/>, <paramref name="prevTerm"/>),
    /// drops a conflicting suffix, appends what is new, and commits up to min(<paramref name="leaderCommit"/>, last new index).
    /// Returns the last new index, or null when the log does not match.
    /// </summary>
    public long? MaybeAppend(long prevIndex, long prevTerm, long leaderCommit, IReadOnlyList<Entry> entries, out long firstNewIndex)
    {
        firstNewIndex = 0;
        if (!MatchTerm(prevIndex, prevTerm))
        {
            return null;
        }

        var lastNew = prevIndex + entries.Count;
        var conflict = FindConflict(entries);
        if (conflict != 0)
        {
            if (conflict <= Committed)
            {
                throw new InvalidOperationException(
                    $"Entry {conflict} conflicts with the committed log (commit {Committed}): a Raft safety invariant is broken.");
            }

            var start = (int)(conflict - entries[0].Index);
            TruncateAndAppend(entries, start);
            firstNewIndex = conflict;
        }

        CommitTo(Math.Min(leaderCommit, lastNew));
        return lastNew;
    }

    /// <summary>The first entry whose index is new or whose term differs from the log; 0 when all are present.</summary>
    private long FindConflict(IReadOnlyList<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (!MatchTerm(entry.Index, entry.Term))
            {
                return entry.Index;
            }
        }

        return 0;
    }

    private void TruncateAndAppend(IReadOnlyList<Entry> entries, int start)
    {
        var first = entries[start].Index;
        if (first == _offset + _unstable.Count)
        {
            // Plain append after the unstable tail.
        }
        else if (first <= _offset)
        {
            // The durable suffix from 'first' on is replaced: the host's Append truncates it in storage too.
            _offset = first;
            _unstable.Clear();
        }
        else
        {
            _unstable.RemoveRange((int)(first - _offset), _unstable.Count - (int)(first - _offset));
        }

        for (var i = start; i < entries.Count; i++)
        {
            _unstable.Add(entries[i]);
        }
    }

    /// <summary>
    /// The largest index ≤ <paramref name="index"/> whose term is ≤ <paramref name="term"/> (or the first compacted one):
    /// everything after it cannot match a log whose entry at <paramref name="index"/> has term <paramref name="term"/>.
    /// </summary>
    public long FindConflictByTerm(long index, long term)
    {
        if (index > LastIndex)
        {
            return index;
        }

        while (index > 0)
        {
            var found = Term(index);
            if (found is null || found <= term)
            {
                return index;
            }

            index--;
        }

        return 0;
    }

    /// <summary>§5.4.1: true when a log ending at (<paramref name="lastIndex"/>, <paramref name="lastTerm"/>) is at least as up-to-date as ours.</summary>
    public bool IsUpToDate(long lastIndex, long lastTerm)
    {
        var ourTerm = LastTerm;
        return lastTerm > ourTerm || (lastTerm == ourTerm && lastIndex >= LastIndex);
    }

    public void CommitTo(long index)
    {
        if (index <= Committed)
        {
            return;
        }

        if (index > LastIndex)
        {
            throw new InvalidOperationException($"Commit index {index} is beyond the last log index {LastIndex}.");
        }

        Committed = index;
    }

    /// <summary>§5.4.2: commits <paramref name="index"/> only when its entry is of <paramref name="term"/> (the leader's current term).</summary>
    public bool MaybeCommit(long index, long term)
    {
        if (index > Committed && Term(index) == term)
        {
            CommitTo(index);
            return true;
        }

        return false;
    }

    public void AppliedTo(long index)
    {
        if (index > Committed || index < Applied)
        {
            throw new InvalidOperationException($"Applied index {index} outside [{Applied}, {Committed}].");
        }

        Applied = index;
    }

    /// <summary>Committed entries not applied yet, limited to what this node has persisted.</summary>
    public IReadOnlyList<Entry> NextCommittedEntries(long maxBytes)
    {
        if (PendingSnapshot is not null)
        {
            return [];
        }

        var high = Math.Min(Committed, PersistedIndex);
        var low = Math.Max(Applied + 1, FirstIndex);
        return low > high ? [] : Entries(low, high + 1, maxBytes) ?? [];
    }

    public bool HasNextCommittedEntries => PendingSnapshot is null && Math.Min(Committed, PersistedIndex) > Applied;

    /// <summary>The host persisted entries up to (<paramref name="index"/>, <paramref name="term"/>).</summary>
    public void StableTo(long index, long term)
    {
        if (index < _offset || index >= _offset + _unstable.Count || _unstable[(int)(index - _offset)].Term != term)
        {
            return; // Replaced meanwhile by a conflicting append: those entries come in the next batch.
        }

        _unstable.RemoveRange(0, (int)(index - _offset + 1));
        _offset = index + 1;
    }

    /// <summary>The host installed the pending snapshot at <paramref name="index"/>.</summary>
    public void StableSnapshotTo(long index)
    {
        if (PendingSnapshot?.Index == index)
        {
            PendingSnapshot = null;
            Applied = Math.Max(Applied, index);
        }
    }

    /// <summary>Replaces the log by a snapshot received from the leader (§7).</summary>
    public void Restore(SnapshotMetadata snapshot)
    {
        _unstable.Clear();
        _offset = snapshot.Index + 1;
        PendingSnapshot = snapshot;
        Committed = snapshot.Index;
    }
}
