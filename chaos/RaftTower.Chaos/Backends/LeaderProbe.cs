using System.Text.Json;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// Finds the leader of a cluster of any backend through the nodes' admin <c>/status</c>: the node that claims to lead
/// and that a majority of the whole cluster names as leader.
/// </summary>
internal static class LeaderProbe
{
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Polls the admin URLs <paramref name="reachable"/> returns (the nodes neither killed nor paused, asked again each
    /// round) until a leader has the votes of a majority of <paramref name="clusterSize"/>, for up to
    /// <paramref name="timeout"/> (at least one round); null if none.
    /// </summary>
    public static async Task<ulong?> AgreedLeaderAsync(Func<IEnumerable<(ulong Id, string AdminUrl)>> reachable, int clusterSize, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            var votes = new Dictionary<ulong, int>();
            ulong claimed = 0;
            foreach (var (id, adminUrl) in reachable().ToList())
            {
                if (await StatusAsync(adminUrl).ConfigureAwait(false) is { } status)
                {
                    votes[status.LeaderId] = votes.GetValueOrDefault(status.LeaderId) + 1;
                    if (status.IsLeader)
                    {
                        claimed = id;
                    }
                }
            }

            if (claimed != 0 && votes.GetValueOrDefault(claimed) * 2 > clusterSize)
            {
                return claimed;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    /// <summary>The leader id a node names and whether it is the leader itself; null when it does not answer.</summary>
    public static async Task<(ulong LeaderId, bool IsLeader)?> StatusAsync(string adminUrl)
    {
        try
        {
            using var document = JsonDocument.Parse(await Admin.GetStringAsync(adminUrl + "/status").ConfigureAwait(false));
            var root = document.RootElement;
            return (root.GetProperty("leaderId").GetUInt64(), root.GetProperty("role").GetString() == "Leader");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
