using System.Net;
using System.Text;
using RaftTower.Node.Configuration;
using RaftTower.Raft.Core;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Cluster;

/// <summary>
/// Membership: who the peers are and where they listen. Ids and roles come from the Raft configuration; addresses of
/// members added at run time live in the replicated state under a reserved key (so they are in snapshots too), and the
/// initial members' addresses come from <c>--members</c>.
/// </summary>
internal sealed partial class ClusterNode
{
    /// <summary>
    /// The reserved key holding the member directory (a map: node id → "peer-address client-url"). Client requests
    /// may not name keys with this prefix.
    /// </summary>
    public const string ReservedKeyPrefix = "\u0000rafttower/";

    private static readonly byte[] DirectoryKey = Encoding.UTF8.GetBytes(ReservedKeyPrefix + "members");
    private Dictionary<ulong, MemberAddress> _members = [];

    /// <summary>The command that records a member's addresses, proposed before it is added.</summary>
    public static byte[] EncodeDirectoryEntry(ulong id, string peerAddress, string clientUrl) =>
        CommandCodec.EncodeWrite(new CommandEnvelope(0, 0, 0, new TowerCommand(
            OpCode.MapSet, DirectoryKey, TowerValue.FromInt((long)id), TowerValue.FromString(peerAddress + " " + clientUrl))));

    /// <summary>Starts a single-server membership change (thesis §4.1); runs on the loop.</summary>
    public NodeReply ChangeMembership(MembershipChange change)
    {
        var result = _raft.ProposeConfigChange(change, Math.Max(DateTime.UtcNow.Ticks, _lastAppliedTimestamp));
        if (result.Status == ProposeStatus.Accepted && change.Kind == MembershipChangeKind.AddLearner)
        {
            // The leader tracks the new member from now on; whatever an earlier incarnation of the same id still has in
            // flight (a delayed acknowledgement through a healed partition) must not count for the new, empty one.
            _transport.FenceInbound(change.NodeId);
        }

        return result.Status switch
        {
            ProposeStatus.Accepted => NodeReply.Ok([], result.Term) with { Index = result.Index },
            ProposeStatus.NotLeader => NodeReply.NotLeader(result.LeaderHint, result.Term),
            _ => NodeReply.Unavailable(Describe(result.Status), result.LeaderHint, result.Term) with { Refusal = result.Status },
        };
    }

    /// <summary>
    /// Waits until this node has applied the change it proposed at <paramref name="index"/> in <paramref name="term"/>
    /// (true), or its fate became unknown here (false: the change may or may not commit under the next leader).
    /// </summary>
    public async Task<bool> WaitForAppliedAsync(long index, long term, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (ChangeProgress(_status, index, term))
            {
                case MembershipChangeProgress.Applied:
                    return true;
                case MembershipChangeProgress.Unknown:
                    return false;
                default:
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>
    /// Where a change proposed at <paramref name="index"/> in <paramref name="term"/> stands, as <paramref name="status"/>
    /// shows it. A leader that removes itself steps down as soon as the change commits, possibly before applying it
    /// (apply pauses while the node's own snapshot is written): still in that term with the commit index past the
    /// change, the entry there is its own (one leader per term) and committed, so the change is only waiting to be
    /// applied — not unknown, which made the client retry a change that had succeeded (and get NOT_FOUND).
    /// </summary>
    internal static MembershipChangeProgress ChangeProgress(NodeStatus status, long index, long term) =>
        status.AppliedIndex >= index ? MembershipChangeProgress.Applied
        : status.Role == nameof(RaftRole.Leader) || (status.Term == term && status.CommitIndex >= index) ? MembershipChangeProgress.Waiting
        : MembershipChangeProgress.Unknown;

    /// <summary>Starts a leadership transfer (thesis §3.10); runs on the loop.</summary>
    public NodeReply TransferLeadership(ulong target)
    {
        var status = _raft.TransferLeadership(target);
        return status switch
        {
            TransferStatus.Started or TransferStatus.AlreadyLeader => NodeReply.Ok([], _raft.Term),
            TransferStatus.NotLeader => NodeReply.NotLeader(_raft.Leader, _raft.Term),
            _ => NodeReply.Unavailable($"node {target} is not a voter of the current configuration", _raft.Leader, _raft.Term)
                with { Refusal = ProposeStatus.InvalidConfigChange },
        };
    }

    private static string Describe(ProposeStatus status) => status switch
    {
        ProposeStatus.TransferInProgress => "a leadership transfer is in progress; retry when it ends",
        ProposeStatus.ConfigChangePending => "another membership change is not committed yet; one change at a time",
        ProposeStatus.LeaderNotReady => "the new leader has not committed an entry of its term yet; retry shortly",
        ProposeStatus.InvalidConfigChange => "the change does not apply to the current configuration (unknown node, already a member, or the last voter)",
        ProposeStatus.LearnerNotCaughtUp => "the learner has not caught up with the leader yet; retry when it has",
        _ => status.ToString(),
    };

    /// <summary>Points the transport at the current configuration's members.</summary>
    private void RefreshPeers()
    {
        AwaitStore(); // the member directory is read from the store, as of every committed entry
        var config = _raft.Config;
        var directory = ReadDirectory();
        var members = new Dictionary<ulong, MemberAddress>();
        foreach (var id in config.Voters.Concat(config.Learners).Concat(config.Voters.Count == 0 ? _options.InitialMembers.Keys : []))
        {
            if (directory.TryGetValue(id, out var address))
            {
                members[id] = address;
            }
            else if (_options.InitialMembers.TryGetValue(id, out var initial))
            {
                members[id] = new MemberAddress(initial, _transport.ClientUrlOf(id));
            }
        }

        if (config.Voters.Count > 0)
        {
            foreach (var gone in _members.Keys.Where(id => !members.ContainsKey(id) && !config.Contains(id)))
            {
                _transport.RemovePeer(gone);
            }
        }

        _members = members;
        _transport.AddOrUpdatePeers(members.ToDictionary(m => m.Key, m => m.Value.Peer));
    }

    private Dictionary<ulong, MemberAddress> ReadDirectory()
    {
        var result = new Dictionary<ulong, MemberAddress>();
        var keys = _stateMachine.Read(new TowerCommand(OpCode.MapKeys, DirectoryKey), long.MinValue);
        foreach (var field in keys.Items ?? [])
        {
            var value = _stateMachine.Read(new TowerCommand(OpCode.MapGet, DirectoryKey, field), long.MinValue);
            var parts = value.IsOk && value.Value.Type == TowerType.String ? value.Value.AsString().Split(' ') : [];
            if (field.Type == TowerType.Int && parts.Length == 2 && MemberList.TryParseHostPort(parts[0], out var peer))
            {
                result[(ulong)field.AsInt()] = new MemberAddress(peer, parts[1]);
            }
        }

        return result;
    }
}

/// <summary>Where a member listens: its peer address and, when known, its client URL.</summary>
internal sealed record MemberAddress(DnsEndPoint Peer, string? ClientUrl);

/// <summary>Where a proposed membership change stands on the node that proposed it.</summary>
internal enum MembershipChangeProgress
{
    /// <summary>Applied here.</summary>
    Applied,

    /// <summary>Still leading, or committed in the term it was proposed in: it will be applied.</summary>
    Waiting,

    /// <summary>No longer leading and not known to be committed: it may or may not commit under the next leader.</summary>
    Unknown,
}
