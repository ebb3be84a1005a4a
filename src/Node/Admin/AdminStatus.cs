using System.Text.Json.Serialization;
using RaftTower.Node.Cluster;

namespace RaftTower.Node.Admin;

/// <summary>The JSON of <c>/status</c>.</summary>
internal sealed record AdminStatus(
    [property: JsonPropertyName("nodeId")] ulong NodeId,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("term")] long Term,
    [property: JsonPropertyName("leaderId")] ulong LeaderId,
    [property: JsonPropertyName("commitIndex")] long CommitIndex,
    [property: JsonPropertyName("appliedIndex")] long AppliedIndex,
    [property: JsonPropertyName("lastIndex")] long LastIndex,
    [property: JsonPropertyName("snapshotIndex")] long SnapshotIndex,
    [property: JsonPropertyName("members")] IReadOnlyList<AdminMember> Members)
{
    public static AdminStatus From(NodeStatus s) => new(
        s.NodeId, s.Pid, s.Role, s.Term, s.LeaderId, s.CommitIndex, s.AppliedIndex, s.LastIndex, s.SnapshotIndex,
        [.. s.Members.Select(m => new AdminMember(m.Id, m.Learner ? "learner" : "voter", m.PeerAddress, m.ClientUrl, m.MatchIndex))]);
}

/// <summary>One member in <c>/status</c>.</summary>
internal sealed record AdminMember(
    [property: JsonPropertyName("id")] ulong Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("peerAddress")] string PeerAddress,
    [property: JsonPropertyName("clientUrl")] string? ClientUrl,
    [property: JsonPropertyName("matchIndex")] long MatchIndex);

/// <summary>Source-generated JSON for the admin endpoints.</summary>
[JsonSerializable(typeof(AdminStatus))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
