using Google.Protobuf;
using RaftTower.Client.Internal;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Client;

/// <summary>Membership and status (the Cluster service). Membership changes go to the leader, one server at a time.</summary>
public sealed partial class TowerClient
{
    private const string ClusterService = "/rafttower.v1.Cluster/";

    /// <summary>
    /// The cluster as the node this client talks to sees it (the leader when known). Also teaches the client
    /// where the leader is.
    /// </summary>
    public async Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken = default)
    {
        var call = new CallInfo(nameof(GetClusterStatusAsync), null, IsWrite: false, Sequence: 0);
        var status = await InvokeAsync(ClusterService + "Status", new Wire.StatusRequest(), Wire.StatusResponse.Parser, static _ => null, call, cancellationToken)
            .ConfigureAwait(false);
        return ToStatus(status);
    }

    /// <summary>Adds node <paramref name="id"/>, as a learner when <paramref name="asLearner"/> (promote it once it caught up).</summary>
    public async Task AddMemberAsync(ulong id, string peerAddress, string clientAddress, bool asLearner, CancellationToken cancellationToken = default)
    {
        Require(!string.IsNullOrWhiteSpace(peerAddress), nameof(AddMemberAsync), null, "peerAddress is required");
        Require(EndpointParser.TryParse(clientAddress, out _), nameof(AddMemberAsync), null, $"clientAddress '{clientAddress}' is not an endpoint (http://host:port)");
        var request = new Wire.AddMemberRequest { Id = id, PeerAddress = peerAddress, ClientAddress = clientAddress, AsLearner = asLearner };
        await ChangeMembershipAsync("AddMember", nameof(AddMemberAsync), id, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes learner <paramref name="id"/> a voter.</summary>
    public Task PromoteMemberAsync(ulong id, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync("PromoteMember", nameof(PromoteMemberAsync), id, new Wire.PromoteMemberRequest { Id = id }, cancellationToken);

    /// <summary>Removes member <paramref name="id"/> from the configuration.</summary>
    public Task RemoveMemberAsync(ulong id, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync("RemoveMember", nameof(RemoveMemberAsync), id, new Wire.RemoveMemberRequest { Id = id }, cancellationToken);

    /// <summary>Asks the leader to hand leadership to voter <paramref name="id"/> (Raft §3.10).</summary>
    public Task TransferLeadershipAsync(ulong id, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync("TransferLeadership", nameof(TransferLeadershipAsync), id, new Wire.TransferLeadershipRequest { Id = id }, cancellationToken);

    private async Task ChangeMembershipAsync(string method, string operation, ulong id, IMessage request, CancellationToken cancellationToken)
    {
        Require(id != 0, operation, null, "member id 0 is reserved");
        var call = new CallInfo(operation, $"member {id}", IsWrite: true, Sequence: 0);
        await InvokeAsync(ClusterService + method, request, Wire.ClusterResponse.Parser, static r => r.Error, call, cancellationToken).ConfigureAwait(false);
    }

    private ClusterStatus ToStatus(Wire.StatusResponse status)
    {
        if (status.Role == Wire.MemberRole.Leader && status.Members.FirstOrDefault(m => m.Id == status.NodeId) is { } self)
        {
            _endpoints.TryFollow(self.ClientAddress, out _);
        }
        else if (!string.IsNullOrEmpty(status.LeaderClientAddress))
        {
            _endpoints.TryFollow(status.LeaderClientAddress, out _);
        }

        var members = status.Members
            .Select(m => new ClusterMember(m.Id, m.PeerAddress, m.ClientAddress, m.Learner, (MemberRole)(int)m.Role, m.MatchIndex))
            .ToArray();
        return new ClusterStatus(
            status.NodeId,
            (MemberRole)(int)status.Role,
            status.LeaderId,
            string.IsNullOrEmpty(status.LeaderClientAddress) ? null : status.LeaderClientAddress,
            status.Term,
            status.CommitIndex,
            status.AppliedIndex,
            members);
    }
}
