using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage;

/// <summary>
/// An in-memory <see cref="IRaftLogStorage"/> that models a disk: everything written since the last
/// <see cref="Sync"/> is lost by <see cref="Crash"/>, exactly as an fsync-less write would be. For tests, the
/// simulator and benchmarks.
/// </summary>
/// <remarks>Single-threaded, like the interface. Keeps an undo journal of the unsynced changes, so sync is O(1).</remarks>
public sealed class MemoryRaftLogStorage : IRaftLogStorage
{
    private readonly List<Entry> _entries = [];
    private readonly List<Action> _undo = [];
    private SnapshotMetadata _snapshot = SnapshotMetadata.None;
    private HardState _hardState = HardState.Empty;

    /// <inheritdoc />
    public HardState HardState => _hardState;

    /// <inheritdoc />
    public SnapshotMetadata Snapshot => _snapshot;

    /// <inheritdoc />
    public long FirstIndex => _snapshot.Index + 1;

    /// <inheritdoc />
    public long LastIndex => _snapshot.Index + _entries.Count;

    /// <summary>How many times <see cref="Sync"/> was called.</summary>
    public long SyncCount { get; private set; }

    /// <summary>True when something was written since the last <see cref="Sync"/>.</summary>
    public bool HasUnsyncedChanges => _undo.Count > 0;

    /// <inheritdoc />
    public long Term(long index)
    {
        if (index == _snapshot.Index)
        {
            return _snapshot.Term;
        }

        if (index < _snapshot.Index || index > LastIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Term is known for [{_snapshot.Index}, {LastIndex}].");
        }

        return _entries[(int)(index - FirstIndex)].Term;
    }

    /// <inheritdoc />
    public IReadOnlyList<Entry> Entries(long from, long toExclusive, long maxBytes = long.MaxValue)
    {
        if (from < FirstIndex || toExclusive > LastIndex + 1 || from >= toExclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"Entries [{from}, {toExclusive}) are not within [{FirstIndex}, {LastIndex + 1}).");
        }

        var result = new List<Entry>();
        long bytes = 0;
        for (var index = from; index < toExclusive && EntryBatch.TryAdd(result, _entries[(int)(index - FirstIndex)], ref bytes, maxBytes); index++)
        {
        }

        return result;
    }

    /// <inheritdoc />
    public void Append(IReadOnlyList<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var first = entries[0].Index;
        if (first < FirstIndex || first > LastIndex + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), first, $"Append must start within [{FirstIndex}, {LastIndex + 1}].");
        }

        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Index != first + i)
            {
                throw new ArgumentException($"Entries are not consecutive at position {i} (index {entries[i].Index}).", nameof(entries));
            }
        }

        var keep = (int)(first - FirstIndex);
        var removed = _entries.GetRange(keep, _entries.Count - keep);
        _entries.RemoveRange(keep, _entries.Count - keep);
        _entries.AddRange(entries);
        _undo.Add(() =>
        {
            _entries.RemoveRange(keep, _entries.Count - keep);
            _entries.AddRange(removed);
        });
    }

    /// <inheritdoc />
    public void SetHardState(HardState state)
    {
        var previous = _hardState;
        _hardState = state;
        _undo.Add(() => _hardState = previous);
    }

    /// <inheritdoc />
    public void Sync()
    {
        _undo.Clear();
        SyncCount++;
    }

    /// <inheritdoc />
    public void Compact(SnapshotMetadata snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index <= _snapshot.Index)
        {
            return;
        }

        if (snapshot.Index > LastIndex || Term(snapshot.Index) != snapshot.Term)
        {
            throw new ArgumentException($"Cannot compact to ({snapshot.Index}, {snapshot.Term}): not in the log (last {LastIndex}).", nameof(snapshot));
        }

        var count = (int)(snapshot.Index - _snapshot.Index);
        var previous = _snapshot;
        var removed = _entries.GetRange(0, count);
        _entries.RemoveRange(0, count);
        _snapshot = snapshot;
        _undo.Add(() =>
        {
            _entries.InsertRange(0, removed);
            _snapshot = previous;
        });
    }

    /// <inheritdoc />
    public void InstallSnapshot(SnapshotMetadata snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var previousSnapshot = _snapshot;
        var previousEntries = _entries.ToList();
        var keepsLog = snapshot.Index > _snapshot.Index && snapshot.Index <= LastIndex && Term(snapshot.Index) == snapshot.Term;
        if (keepsLog)
        {
            _entries.RemoveRange(0, (int)(snapshot.Index - _snapshot.Index));
        }
        else
        {
            _entries.Clear();
        }

        _snapshot = snapshot;
        _undo.Add(() =>
        {
            _entries.Clear();
            _entries.AddRange(previousEntries);
            _snapshot = previousSnapshot;
        });
    }

    /// <summary>Simulates power loss: every change since the last <see cref="Sync"/> is undone.</summary>
    public void Crash()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
