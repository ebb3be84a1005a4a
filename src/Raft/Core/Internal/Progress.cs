namespace RaftTower.Raft.Core.Internal;

/// <summary>The leader's view of one follower's log (Figure 2's nextIndex/matchIndex plus flow control).</summary>
internal sealed class Progress(long next, bool isLearner, int maxInflightMessages, long maxInflightBytes)
{
    public long Match { get; private set; }

    public long Next { get; private set; } = next;

    public ProgressState State { get; private set; } = ProgressState.Probe;

    /// <summary>In probe state: an append was sent and no answer came yet.</summary>
    public bool ProbeSent { get; set; }

    /// <summary>In snapshot state: the index of the snapshot being sent.</summary>
    public long PendingSnapshot { get; private set; }

    /// <summary>Heard from since the last check-quorum round.</summary>
    public bool RecentActive { get; set; }

    public bool IsLearner { get; set; } = isLearner;

    /// <summary>Highest ReadIndex round this follower confirmed in the current term.</summary>
    public long ReadRoundAcked { get; set; }

    public Inflights Inflights { get; } = new(maxInflightMessages, maxInflightBytes);

    public bool IsPaused => State switch
    {
        ProgressState.Probe => ProbeSent,
        ProgressState.Replicate => Inflights.Full,
        _ => true,
    };

    public void BecomeProbe()
    {
        // After a snapshot, the follower holds everything up to it: probe right after it.
        Next = State == ProgressState.Snapshot ? Math.Max(Match + 1, PendingSnapshot + 1) : Match + 1;
        State = ProgressState.Probe;
        ProbeSent = false;
        PendingSnapshot = 0;
        Inflights.Reset();
    }

    public void BecomeReplicate()
    {
        State = ProgressState.Replicate;
        Next = Match + 1;
        ProbeSent = false;
        PendingSnapshot = 0;
        Inflights.Reset();
    }

    public void BecomeSnapshot(long snapshotIndex)
    {
        State = ProgressState.Snapshot;
        PendingSnapshot = snapshotIndex;
        ProbeSent = false;
        Inflights.Reset();
    }

    /// <summary>The snapshot transfer failed: forget it, so probing resumes right after the match.</summary>
    public void AbortSnapshot() => PendingSnapshot = 0;

    /// <summary>Records an acknowledgement of <paramref name="index"/>; false when it tells nothing new.</summary>
    public bool MaybeUpdate(long index)
    {
        var updated = false;
        if (Match < index)
        {
            Match = index;
            ProbeSent = false;
            updated = true;
        }

        Next = Math.Max(Next, index + 1);
        return updated;
    }

    /// <summary>Pipelining: assume the entries up to <paramref name="lastSent"/> will arrive.</summary>
    public void OptimisticUpdate(long lastSent) => Next = lastSent + 1;

    /// <summary>
    /// Handles a rejection of the append after <paramref name="rejected"/>; <paramref name="matchHint"/> is the
    /// last index that may match (fast backoff). False when the rejection is stale.
    /// </summary>
    public bool MaybeDecrTo(long rejected, long matchHint)
    {
        if (State == ProgressState.Replicate)
        {
            if (rejected <= Match)
            {
                return false;
            }

            Next = Match + 1;
            return true;
        }

        if (Next - 1 != rejected)
        {
            return false;
        }

        Next = Math.Max(Math.Min(rejected, matchHint + 1), Match + 1);
        ProbeSent = false;
        return true;
    }
}
