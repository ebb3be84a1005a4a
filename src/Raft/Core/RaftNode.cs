using RaftTower.Raft.Core.Internal;
using RaftTower.Raft.Storage;

namespace RaftTower.Raft.Core;

/// <summary>
/// The pure Raft state machine of one node, in the style of etcd's raft: no threads, I/O, clocks or randomness.
/// Inputs are <see cref="Tick"/>, <see cref="Step"/>, proposals, reads, membership and transfer requests; the output
/// is a <see cref="Ready"/> batch taken with <see cref="GetReady"/> and acknowledged with <see cref="Advance"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: one caller at a time (the node's event loop). The storage is read by the core and written only
/// by the host, from ready batches. Aspects live in partial files: Election, Replication, ReadIndex, Membership,
/// Snapshot, Transfer and Ready.
/// </remarks>
public sealed partial class RaftNode
{
    private readonly RaftOptions _options;
    private readonly IRaftLogStorage _storage;
    private readonly IRaftRandom _random;
    private readonly RaftLog _log;
    private readonly Dictionary<ulong, Progress> _progress = [];
    private readonly List<Message> _messages = [];

    private long _term;
    private ulong _vote;
    private ulong _lead;
    private RaftRole _role;
    private int _electionElapsed;
    private int _heartbeatElapsed;
    private int _randomizedElectionTimeout;

    /// <summary>Creates a node over <paramref name="storage"/> (empty for a new node, or what a previous run left).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public RaftNode(RaftOptions options, IRaftLogStorage storage, IRaftRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _options = options;
        _storage = storage;
        _random = random;
        Id = options.Id;
        _log = new RaftLog(storage, options.Applied);
        var hardState = storage.HardState;
        _term = hardState.Term;
        _vote = hardState.VotedFor;
        _previousHardState = hardState;
        LoadConfiguration();
        if (storage.LastIndex == 0 && storage.Snapshot.Index == 0 && hardState == HardState.Empty && options.InitialVoters.Count > 0)
        {
            Bootstrap(options.InitialVoters);
        }

        BecomeFollower(_term, 0);
        _previousSoftState = new SoftState(0, RaftRole.Follower);
    }

    /// <summary>This node's id.</summary>
    public ulong Id { get; }

    /// <summary>Current role.</summary>
    public RaftRole Role => _role;

    /// <summary>Current term.</summary>
    public long Term => _term;

    /// <summary>Known leader (0 when unknown).</summary>
    public ulong Leader => _lead;

    /// <summary>A snapshot of the node's state.</summary>
    public RaftStatus Status => new(Id, _term, _vote, _role, _lead, _log.Committed, _log.Applied, _log.LastIndex, _config, _leadTransferee);

    /// <summary>
    /// The highest index known replicated on <paramref name="peer"/>, as this node sees it while leading (its own last
    /// persisted index for itself); null when not leading or the peer is unknown.
    /// </summary>
    public long? MatchIndexOf(ulong peer) =>
        _role != RaftRole.Leader ? null : peer == Id ? _log.PersistedIndex : _progress.TryGetValue(peer, out var p) ? p.Match : null;

    /// <summary>
    /// Feeds one received message. Messages from older terms are answered or ignored as Raft prescribes; they are
    /// never errors.
    /// </summary>
    /// <exception cref="ArgumentException">The message is addressed to another node or is a transport-level chunk.</exception>
    public void Step(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To != Id)
        {
            throw new ArgumentException($"Message for node {message.To} stepped into node {Id}.", nameof(message));
        }

        if (message.Type == MessageType.SnapshotChunk)
        {
            throw new ArgumentException("Snapshot chunks are reassembled by the transport; step the InstallSnapshot message instead.", nameof(message));
        }

        if (!StepTerm(message))
        {
            return;
        }

        switch (message.Type)
        {
            case MessageType.Vote or MessageType.PreVote:
                HandleVoteRequest(message);
                return;
            default:
                break;
        }

        switch (_role)
        {
            case RaftRole.Leader:
                StepLeader(message);
                break;
            case RaftRole.Candidate or RaftRole.PreCandidate:
                StepCandidate(message);
                break;
            default:
                StepFollower(message);
                break;
        }
    }

    /// <summary>
    /// Figure 2 "all servers": a higher term makes this node a follower of that term; lower-term messages are stale.
    /// Returns false when the message needs no further handling.
    /// </summary>
    private bool StepTerm(Message m)
    {
        if (m.Term > _term)
        {
            if (m.Type is MessageType.Vote or MessageType.PreVote && !m.LeaderTransfer && InLeaderLease)
            {
                // Thesis §4.2.3: a node that heard from a live leader within the minimum election timeout ignores
                // vote requests, so a rejoining partitioned node cannot depose a healthy leader.
                return false;
            }

            if (m.Type == MessageType.PreVote || (m.Type == MessageType.PreVoteResponse && !m.Reject))
            {
                // A pre-vote changes no state; a granted pre-vote answer carries the term we would campaign in.
                return true;
            }

            var leader = m.Type is MessageType.Append or MessageType.Heartbeat or MessageType.InstallSnapshot ? m.From : 0;
            BecomeFollower(m.Term, leader);
            return true;
        }

        if (m.Term < _term)
        {
            if ((_options.CheckQuorum || _options.PreVote) && m.Type is MessageType.Append or MessageType.Heartbeat)
            {
                // Tell a stale leader about the newer term so it steps down; with pre-vote, a node whose term
                // grew while partitioned could otherwise never be reached by the stale leader again.
                Send(new Message(MessageType.AppendResponse, Id, m.From, _term));
            }
            else if (m.Type is MessageType.PreVote or MessageType.Vote)
            {
                // RequestVote receiver rule 1: reply false (our term makes the candidate step down).
                var type = m.Type == MessageType.PreVote ? MessageType.PreVoteResponse : MessageType.VoteResponse;
                Send(new Message(type, Id, m.From, _term) { Reject = true });
            }

            return false;
        }

        return true;
    }

    private bool InLeaderLease => _options.CheckQuorum && _lead != 0 && _electionElapsed < _options.ElectionTicks;

    private void StepFollower(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append or MessageType.Heartbeat or MessageType.InstallSnapshot:
                // A message from this term's leader: it is alive, which also renews the leader lease.
                _electionElapsed = 0;
                _lead = m.From;
                if (m.Type == MessageType.Append)
                {
                    HandleAppend(m);
                }
                else if (m.Type == MessageType.Heartbeat)
                {
                    HandleHeartbeat(m);
                }
                else
                {
                    HandleSnapshot(m);
                }

                break;
            case MessageType.TimeoutNow:
                HandleTimeoutNow();
                break;
            case MessageType.ReadIndexResponse:
                _readStates.Add(new ReadState(m.Index, m.Context));
                break;
            default:
                break;
        }
    }

    private void StepCandidate(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append or MessageType.Heartbeat or MessageType.InstallSnapshot:
                // A leader of this term exists (§5.2): return to follower and handle its message.
                BecomeFollower(m.Term, m.From);
                StepFollower(m);
                break;
            case MessageType.VoteResponse when _role == RaftRole.Candidate:
            case MessageType.PreVoteResponse when _role == RaftRole.PreCandidate:
                Poll(m.From, !m.Reject);
                break;
            default:
                break;
        }
    }

    private void StepLeader(Message m)
    {
        if (m.Type == MessageType.ReadIndex)
        {
            HandleReadIndexRequest(m.From, m.Context);
            return;
        }

        if (!_progress.TryGetValue(m.From, out var progress))
        {
            return; // Not (or no longer) a member.
        }

        switch (m.Type)
        {
            case MessageType.ReadConfirm:
                HandleReadConfirm(m);
                break;
            case MessageType.AppendResponse:
                progress.RecentActive = true;
                HandleAppendResponse(m, progress);
                break;
            case MessageType.HeartbeatResponse:
                progress.RecentActive = true;
                HandleHeartbeatResponse(m, progress);
                break;
            default:
                break;
        }
    }

    private void Send(Message message) => _messages.Add(message);

    private void Reset(long term)
    {
        if (_term != term)
        {
            _term = term;
            _vote = 0;
        }

        _lead = 0;
        _electionElapsed = 0;
        _heartbeatElapsed = 0;
        _randomizedElectionTimeout = _options.ElectionTicks + _random.NextInt(_options.ElectionTicks);
        _votes.Clear();
        _leadTransferee = 0;
        _transferElapsed = 0;
        _pendingReads.Clear();
        _readsAwaitingCommit.Clear();
        ClearConfirms();
        _pendingBroadcast = false;
        ResetProgress();
    }

    private void BecomeFollower(long term, ulong leader)
    {
        Reset(term);
        _lead = leader;
        _role = RaftRole.Follower;
    }

    /// <summary>Fires one tick of the logical clock: election timeouts for followers, heartbeats and quorum checks for leaders.</summary>
    public void Tick()
    {
        if (_role == RaftRole.Leader)
        {
            TickLeader();
        }
        else
        {
            TickElection();
        }
    }

    private void TickLeader()
    {
        _heartbeatElapsed++;
        _electionElapsed++;
        if (_leadTransferee != 0 && ++_transferElapsed >= _options.ElectionTicks)
        {
            // Thesis §3.10: abort a transfer that did not complete within an election timeout.
            AbortTransfer();
        }

        if (_electionElapsed >= _options.ElectionTicks)
        {
            _electionElapsed = 0;
            if (_options.CheckQuorum && !CheckQuorumActive())
            {
                BecomeFollower(_term, 0);
                return;
            }
        }

        if (_heartbeatElapsed >= _options.HeartbeatTicks)
        {
            _heartbeatElapsed = 0;
            BroadcastHeartbeat();
        }

        AgeConfirms();
    }
}
