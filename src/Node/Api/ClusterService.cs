using RaftTower.Node.Cluster;
using RaftTower.Raft.Core;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Api;

/// <summary><c>rafttower.v1.Cluster/*</c>: status, membership changes one server at a time, leadership transfer.</summary>
internal sealed class ClusterService(ClusterNode node)
{
    private static readonly TimeSpan CatchUpPoll = TimeSpan.FromMilliseconds(100);

    public ValueTask<Wire.StatusResponse> StatusAsync(Wire.StatusRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Status(node.Status));

    public async ValueTask<Wire.ClusterResponse> AddMemberAsync(Wire.AddMemberRequest request, CancellationToken cancellationToken)
    {
        if (request.Id == 0 || !Configuration.MemberList.TryParseHostPort(request.PeerAddress, out _))
        {
            return Failed(Wire.ErrorCode.InvalidArgument, "id must be positive and peer_address host:port");
        }

        if (!Uri.TryCreate(request.ClientAddress, UriKind.Absolute, out var client) || client.Scheme != "http")
        {
            return Failed(Wire.ErrorCode.InvalidArgument, "client_address must be an http:// URL");
        }

        // Checked before the directory write below, which would otherwise re-point an existing member's addresses
        // even though the membership change itself is then refused.
        if (node.Status.Members.Any(m => m.Id == request.Id))
        {
            return Failed(Wire.ErrorCode.AlreadyExists, $"node {request.Id} is already a member; its addresses stay as they are (remove it first to add it elsewhere)");
        }

        // The address goes into the replicated directory first, so every member (and every snapshot) knows where
        // the new member listens before the configuration names it.
        var recorded = await node.ProposeAsync(ClusterNode.EncodeDirectoryEntry(request.Id, request.PeerAddress, request.ClientAddress))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (recorded.Status != NodeReplyStatus.Ok)
        {
            return Reply(recorded, request.Id);
        }

        var added = await ChangeAsync(new MembershipChange(MembershipChangeKind.AddLearner, request.Id), cancellationToken).ConfigureAwait(false);
        if (added.Status != NodeReplyStatus.Ok || request.AsLearner)
        {
            return Reply(added, request.Id);
        }

        return await PromoteWhenCaughtUpAsync(request.Id, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Wire.ClusterResponse> PromoteMemberAsync(Wire.PromoteMemberRequest request, CancellationToken cancellationToken) =>
        await PromoteWhenCaughtUpAsync(request.Id, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Wire.ClusterResponse> RemoveMemberAsync(Wire.RemoveMemberRequest request, CancellationToken cancellationToken) =>
        Reply(await ChangeAsync(new MembershipChange(MembershipChangeKind.Remove, request.Id), cancellationToken).ConfigureAwait(false), request.Id);

    public async ValueTask<Wire.ClusterResponse> TransferLeadershipAsync(Wire.TransferLeadershipRequest request, CancellationToken cancellationToken) =>
        Reply(await node.ControlAsync(n => n.TransferLeadership(request.Id)).WaitAsync(cancellationToken).ConfigureAwait(false), request.Id);

    /// <summary>Retries the promotion while the learner is catching up or the add is still uncommitted (until the deadline).</summary>
    private async Task<Wire.ClusterResponse> PromoteWhenCaughtUpAsync(ulong id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var promoted = await ChangeAsync(new MembershipChange(MembershipChangeKind.PromoteLearner, id), cancellationToken).ConfigureAwait(false);
            if (promoted.Refusal is not (ProposeStatus.LearnerNotCaughtUp or ProposeStatus.ConfigChangePending or ProposeStatus.LeaderNotReady))
            {
                return Reply(promoted, id);
            }

            await Task.Delay(CatchUpPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Proposes a change and answers once it is applied here, so the next change is not refused as pending.</summary>
    private async Task<NodeReply> ChangeAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        var reply = await node.ControlAsync(n => n.ChangeMembership(change)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Status == NodeReplyStatus.Ok && !await node.WaitForAppliedAsync(reply.Index, reply.Term, cancellationToken).ConfigureAwait(false))
        {
            return NodeReply.Unavailable(
                "leadership changed before the membership change was confirmed; check the status before retrying", 0, reply.Term);
        }

        return reply;
    }

    private Wire.ClusterResponse Reply(NodeReply reply, ulong subject) => reply.Status switch
    {
        NodeReplyStatus.Ok => new Wire.ClusterResponse { Status = Status(node.Status) },
        NodeReplyStatus.NotLeader => Failed(Wire.ErrorCode.NotLeader, "this node is not the leader", node.ClientUrlOf(reply.LeaderId), reply.Term),

        // Not UNAVAILABLE: retrying a change that names no member (or removes the last voter) can never succeed.
        _ when reply.Refusal == ProposeStatus.InvalidConfigChange => Failed(
            node.Status.Members.Any(m => m.Id == subject) ? Wire.ErrorCode.InvalidArgument : Wire.ErrorCode.NotFound,
            reply.Reason ?? "invalid membership change",
            node.ClientUrlOf(reply.LeaderId),
            reply.Term),
        _ => Failed(Wire.ErrorCode.Unavailable, reply.Reason ?? "unavailable", node.ClientUrlOf(reply.LeaderId), reply.Term),
    };

    private static Wire.ClusterResponse Failed(Wire.ErrorCode code, string message, string? leaderHint = null, long term = 0) =>
        new() { Error = ResultTranslator.Error(code, message, leaderHint, term).Error };

    internal static Wire.StatusResponse Status(NodeStatus status)
    {
        var response = new Wire.StatusResponse
        {
            NodeId = status.NodeId,
            LeaderId = status.LeaderId,
            LeaderClientAddress = status.Members.FirstOrDefault(m => m.Id == status.LeaderId)?.ClientUrl ?? string.Empty,
            Term = (ulong)status.Term,
            CommitIndex = (ulong)status.CommitIndex,
            AppliedIndex = (ulong)status.AppliedIndex,
            Role = Role(status.Role),
        };
        foreach (var member in status.Members)
        {
            response.Members.Add(new Wire.Member
            {
                Id = member.Id,
                PeerAddress = member.PeerAddress,
                ClientAddress = member.ClientUrl ?? string.Empty,
                Learner = member.Learner,
                MatchIndex = (ulong)Math.Max(0, member.MatchIndex),
                Role = member.Id == status.LeaderId ? Wire.MemberRole.Leader : member.Learner ? Wire.MemberRole.Learner : Wire.MemberRole.Follower,
            });
        }

        return response;
    }

    private static Wire.MemberRole Role(string role) => role switch
    {
        nameof(RaftRole.Leader) => Wire.MemberRole.Leader,
        nameof(RaftRole.Candidate) or nameof(RaftRole.PreCandidate) => Wire.MemberRole.Candidate,
        _ => Wire.MemberRole.Follower,
    };
}
