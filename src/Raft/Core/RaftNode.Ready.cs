namespace RaftTower.Raft.Core;

/// <summary>The output side: collecting a <see cref="Ready"/> batch and learning that the host processed it.</summary>
public sealed partial class RaftNode
{
    private HardState _previousHardState;
    private SoftState _previousSoftState;
    private Ready? _outstanding;

    private HardState CurrentHardState => new(_term, _vote, _log.Committed);

    private SoftState CurrentSoftState => new(_lead, _role);

    /// <summary>True when <see cref="GetReady"/> has something for the host (and no batch is outstanding).</summary>
    public bool HasReady =>
        _outstanding is null
        && (_pendingBroadcast
            || _messages.Count > 0
            || _readStates.Count > 0
            || _log.UnstableEntries.Count > 0
            || _log.PendingSnapshot is not null
            || _log.HasNextCommittedEntries
            || CurrentHardState != _previousHardState
            || CurrentSoftState != _previousSoftState);

    /// <summary>Takes the next batch of work. Call <see cref="Advance"/> with it before taking another.</summary>
    /// <exception cref="InvalidOperationException">The previous batch was not advanced.</exception>
    public Ready GetReady()
    {
        if (_outstanding is not null)
        {
            throw new InvalidOperationException("GetReady called again before Advance of the previous batch.");
        }

        if (_pendingBroadcast)
        {
            _pendingBroadcast = false;
            if (_role == RaftRole.Leader)
            {
                BroadcastAppend();
            }
        }

        var hardState = CurrentHardState;
        var softState = CurrentSoftState;
        var ready = new Ready
        {
            SoftState = softState != _previousSoftState ? softState : null,
            HardState = hardState != _previousHardState ? hardState : null,
            Entries = [.. _log.UnstableEntries],
            Snapshot = _log.PendingSnapshot,
            CommittedEntries = _log.NextCommittedEntries(_options.MaxCommittedBytesPerReady),
            Messages = [.. _messages],
            ReadStates = [.. _readStates],
        };
        _messages.Clear();
        _readStates.Clear();
        _outstanding = ready;
        return ready;
    }

    /// <summary>
    /// Acknowledges that the host persisted and synced <paramref name="ready"/>'s snapshot, entries and hard state,
    /// sent its messages and applied its committed entries.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="ready"/> is not the batch returned by the last <see cref="GetReady"/>.</exception>
    public void Advance(Ready ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (!ReferenceEquals(ready, _outstanding))
        {
            throw new ArgumentException("Advance must be given the batch returned by the last GetReady.", nameof(ready));
        }

        _outstanding = null;
        if (ready.HardState is { } hardState)
        {
            _previousHardState = hardState;
        }

        if (ready.SoftState is { } softState)
        {
            _previousSoftState = softState;
        }

        if (ready.Snapshot is { } snapshot)
        {
            _log.StableSnapshotTo(snapshot.Index);
        }

        if (ready.Entries.Count > 0)
        {
            var last = ready.Entries[^1];
            _log.StableTo(last.Index, last.Term);
        }

        if (ready.CommittedEntries.Count > 0)
        {
            _log.AppliedTo(ready.CommittedEntries[^1].Index);
        }

        // The leader's own entries count towards a quorum only once durable: that may commit something now.
        if (MaybeCommit())
        {
            _pendingBroadcast = true;
        }
    }
}
