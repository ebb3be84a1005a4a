namespace RaftTower.Raft.Core;

/// <summary>Leader election (§5.2, §5.4.1) with pre-vote (thesis §9.6) and check-quorum (thesis §6.2).</summary>
public sealed partial class RaftNode
{
    private readonly Dictionary<ulong, bool> _votes = [];

    /// <summary>
    /// True when this node may campaign: a voter of its configuration with no snapshot waiting to install, or a voter
    /// whose own removal is appended but not committed. Thesis §4.2.2: such a server must still start elections (not
    /// counting its own vote), or a cluster whose removed leader holds the only copy of the change could never elect.
    /// </summary>
    private bool Promotable =>
        _log.PendingSnapshot is null
        && (_config.Voters.Contains(Id) || (LatestConfigIndex > _log.Committed && !_config.Contains(Id) && PreviousConfig.Voters.Contains(Id)));

    /// <summary>Starts an election now (pre-vote first when enabled), as if the election timeout had fired.</summary>
    /// <returns>False when this node leads already or may not campaign (a learner or not a member).</returns>
    public bool Campaign()
    {
        if (_role == RaftRole.Leader || !Promotable)
        {
            return false;
        }

        StartElection(preVote: _options.PreVote, transfer: false);
        return true;
    }

    private void TickElection()
    {
        _electionElapsed++;
        if (Promotable && _electionElapsed >= _randomizedElectionTimeout)
        {
            _electionElapsed = 0;
            StartElection(preVote: _options.PreVote, transfer: false);
        }
    }

    private void StartElection(bool preVote, bool transfer)
    {
        long voteTerm;
        MessageType type;
        if (preVote)
        {
            // Thesis §9.6: ask first whether we could win, without touching the term or the vote.
            Reset(_term);
            _role = RaftRole.PreCandidate;
            voteTerm = _term + 1;
            type = MessageType.PreVote;
        }
        else
        {
            Reset(_term + 1);
            _role = RaftRole.Candidate;
            _vote = Id;
            voteTerm = _term;
            type = MessageType.Vote;
        }

        if (Poll(Id, granted: true))
        {
            return; // A single voter wins at once.
        }

        var lastIndex = _log.LastIndex;
        var lastTerm = _log.LastTerm;
        foreach (var voter in _config.Voters)
        {
            if (voter != Id)
            {
                Send(new Message(type, Id, voter, voteTerm) { Index = lastIndex, LogTerm = lastTerm, LeaderTransfer = transfer });
            }
        }
    }

    /// <summary>Records a vote; returns true when the election was decided by it.</summary>
    private bool Poll(ulong from, bool granted)
    {
        if (!_config.Voters.Contains(from))
        {
            return false; // Learners and strangers are never counted (thesis §4.2.1).
        }

        _votes.TryAdd(from, granted);
        var quorum = (_config.Voters.Count / 2) + 1;
        var yes = _votes.Values.Count(v => v);
        var no = _votes.Count - yes;
        if (yes >= quorum)
        {
            if (_role == RaftRole.PreCandidate)
            {
                StartElection(preVote: false, transfer: false);
            }
            else
            {
                BecomeLeader();
            }

            return true;
        }

        if (no >= quorum)
        {
            BecomeFollower(_term, 0);
            return true;
        }

        return false;
    }

    /// <summary>RequestVote receiver (Figure 2) for votes and pre-votes, after the term rules of <see cref="StepTerm"/>.</summary>
    private void HandleVoteRequest(Message m)
    {
        var isPreVote = m.Type == MessageType.PreVote;
        var responseType = isPreVote ? MessageType.PreVoteResponse : MessageType.VoteResponse;

        // Rule 2: vote if not voted for someone else this term (a follower that knows this term's leader never
        // votes again), and the candidate's log is at least as up-to-date as ours (§5.4.1).
        var canVote = _vote == m.From || (_vote == 0 && _lead == 0) || (isPreVote && m.Term > _term);
        if (canVote && _log.IsUpToDate(m.Index, m.LogTerm))
        {
            Send(new Message(responseType, Id, m.From, m.Term));
            if (!isPreVote)
            {
                _electionElapsed = 0;
                _vote = m.From;
            }
        }
        else
        {
            Send(new Message(responseType, Id, m.From, _term) { Reject = true });
        }
    }

    /// <summary>Check-quorum: true when a quorum of voters was heard from during the last election timeout.</summary>
    private bool CheckQuorumActive()
    {
        var active = 0;
        foreach (var voter in _config.Voters)
        {
            if (voter == Id)
            {
                active++;
            }
            else if (_progress.TryGetValue(voter, out var progress) && progress.RecentActive)
            {
                active++;
            }
        }

        foreach (var progress in _progress.Values)
        {
            progress.RecentActive = false;
        }

        return active >= (_config.Voters.Count / 2) + 1;
    }

    private void BecomeLeader()
    {
        Reset(_term);
        _lead = Id;
        _role = RaftRole.Leader;

        // §5.4.2 / §8: a no-op of the new term lets entries of earlier terms commit, and lets ReadIndex start.
        var entry = new Entry(_log.LastIndex + 1, _term, EntryType.Noop, _log.LastTimestamp, ReadOnlyMemory<byte>.Empty);
        _log.Append(entry);
        _pendingBroadcast = true;
    }
}
