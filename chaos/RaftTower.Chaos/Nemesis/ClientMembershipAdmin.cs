using RaftTower.Chaos.Backends;
using RaftTower.Client;

namespace RaftTower.Chaos.Nemesis;

/// <summary>
/// The member nemesis' calls: the changes through a <see cref="TowerClient"/> that knows every node's client URL,
/// the configuration from whichever node says it leads, every node asked by a fresh client of its own each round (a
/// client follows the leader it learned until that node fails, and a removed leader, wiped and restarted as a joiner,
/// does not fail: it answers "no leader" for ever).
/// </summary>
internal sealed class ClientMembershipAdmin(TowerClient client, IChaosCluster cluster) : IMembershipAdmin
{
    /// <inheritdoc />
    public async Task<MemberState> StateOfAsync(ulong id, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(cluster.ClientUrls.Select(async url =>
        {
            await using var node = new TowerClient(new TowerClientOptions { Endpoints = [url], RequestTimeout = TimeSpan.FromSeconds(1) });
            try
            {
                return await node.GetClusterStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TowerException)
            {
                return null;
            }
        })).ConfigureAwait(false);

        // Only a leader's configuration is current (a follower's may lag behind a change); the newest term wins.
        var leader = answers.Where(a => a is { Role: MemberRole.Leader }).MaxBy(a => a!.Term);
        return leader?.Members.FirstOrDefault(m => m.Id == id) switch
        {
            _ when leader is null => MemberState.Unknown,
            null => MemberState.Absent,
            { IsLearner: true } => MemberState.Learner,
            _ => MemberState.Voter,
        };
    }

    /// <inheritdoc />
    public Task<MembershipOutcome> RemoveAsync(ulong id, CancellationToken cancellationToken) =>
        CallAsync(() => client.RemoveMemberAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<MembershipOutcome> AddAsync(ulong id, CancellationToken cancellationToken)
    {
        var clientUrl = cluster.ClientUrls[cluster.Ids.ToList().IndexOf(id)];
        return CallAsync(() => client.AddMemberAsync(id, cluster.PeerAddressOf(id), clientUrl, asLearner: false, cancellationToken));
    }

    /// <inheritdoc />
    public Task<MembershipOutcome> PromoteAsync(ulong id, CancellationToken cancellationToken) =>
        CallAsync(() => client.PromoteMemberAsync(id, cancellationToken));

    private static async Task<MembershipOutcome> CallAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return MembershipOutcome.Done;
        }
        catch (TowerException e) when (e.Code == TowerErrorCode.AlreadyExists)
        {
            return MembershipOutcome.AlreadyExists;
        }
        catch (TowerException e) when (e.Code == TowerErrorCode.NotFound)
        {
            return MembershipOutcome.NotFound;
        }
        catch (TowerException)
        {
            return MembershipOutcome.Uncertain;
        }
    }
}
