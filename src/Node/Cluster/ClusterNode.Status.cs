namespace RaftTower.Node.Cluster;

/// <summary>The status view published after every loop turn.</summary>
internal sealed partial class ClusterNode
{
    private NodeStatus CaptureStatus()
    {
        var raft = _raft.Status;
        var members = raft.Config.Voters.Select(id => Member(id, learner: false))
            .Concat(raft.Config.Learners.Select(id => Member(id, learner: true)))
            .OrderBy(m => m.Id)
            .ToList();
        return new NodeStatus(
            _options.Id,
            Environment.ProcessId,
            raft.Role.ToString(),
            raft.Term,
            raft.Leader,
            raft.Commit,
            _applied,
            raft.LastIndex,
            _log.Snapshot.Index,
            members);
    }

    private MemberStatus Member(ulong id, bool learner)
    {
        var address = _members.GetValueOrDefault(id);
        var clientUrl = address?.ClientUrl ?? _transport.ClientUrlOf(id);
        return new MemberStatus(id, learner, address is null ? string.Empty : $"{address.Peer.Host}:{address.Peer.Port}", clientUrl, _raft.MatchIndexOf(id) ?? 0);
    }
}
