using System.Diagnostics;
using RaftTower.Chaos.Backends;
using RaftTower.Chaos.Report;
using RaftTower.Client;

namespace RaftTower.Chaos.Nemesis;

/// <summary>Plays a schedule against a cluster of any backend, recording each fault's window on the history's clock.</summary>
internal sealed class NemesisRunner(IChaosCluster cluster, TextWriter log, int seed)
{
    private readonly Random _random = new(seed);
    private const int MemberAttempts = 240;
    private readonly List<NemesisWindow> _windows = [];
    private MemberChange? _members;

    /// <summary>The faults held so far.</summary>
    public IReadOnlyList<NemesisWindow> Windows => _windows;

    /// <summary>Runs <paramref name="steps"/> from <paramref name="started"/> (a Stopwatch timestamp); every fault is healed on return.</summary>
    public async Task RunAsync(IReadOnlyList<NemesisStep> steps, long started, CancellationToken cancellationToken)
    {
        await using var client = new TowerClient(new TowerClientOptions
        {
            Endpoints = cluster.ClientUrls,
            RequestTimeout = TimeSpan.FromSeconds(10),
            AttemptTimeout = TimeSpan.FromSeconds(3),
        });
        _members = new MemberChange(new ClientMembershipAdmin(client, cluster), MemberAttempts, TimeSpan.FromMilliseconds(250));
        try
        {
            foreach (var step in steps)
            {
                await Task.Delay(Remaining(started, step.Start), cancellationToken).ConfigureAwait(false);
                var begin = Stopwatch.GetTimestamp();
                string name;
                Func<Task> heal;
                try
                {
                    (name, heal) = await ApplyAsync(step.Fault).ConfigureAwait(false);
                }
                catch (Exception e) when (IsFaultFailure(e))
                {
                    // A fault the backend could not inject is not a finding about the cluster: say so, undo whatever
                    // part of it took, and go on with the schedule. (No window: nothing was held.)
                    log.WriteLine($"nemesis: {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s could not apply {step.Fault}: {e.Message}; healing everything and going on");
                    await cluster.HealAllAsync().ConfigureAwait(false);
                    continue;
                }

                log.WriteLine($"nemesis: {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s {name}");
                try
                {
                    await Task.Delay(Remaining(started, step.End), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await heal().ConfigureAwait(false);
                    _windows.Add(new NemesisWindow(begin, Stopwatch.GetTimestamp(), name));
                    log.WriteLine($"nemesis: {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0}s healed {name}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await cluster.HealAllAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What a backend throws when a fault cannot be injected (the engine refused, a process was gone, ...).</summary>
    private static bool IsFaultFailure(Exception e) =>
        e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or System.ComponentModel.Win32Exception;

    private static TimeSpan Remaining(long started, TimeSpan at)
    {
        var left = at - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Takes <paramref name="id"/> out of the configuration and restarts it wiped, as a joiner; the heal adds it back
    /// and waits until it is a voter again. Not cancelled by the end of the run: a half-done change would leave the
    /// cluster a voter short. Every step is bounded in rounds.
    /// </summary>
    private async Task<(string Name, Func<Task> Heal)> RemoveMemberAsync(ulong id, bool wasLeader)
    {
        var name = $"member n{id}{(wasLeader ? " (leader)" : string.Empty)}";
        var members = _members!;
        if (!await members.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false))
        {
            log.WriteLine($"nemesis: removing n{id} did not happen after {members.Attempts - 1} rounds ({members.Trail}); left as it is");
            return ($"{name} (not removed)", () => Task.CompletedTask);
        }

        log.WriteLine($"nemesis: removed n{id}: {members.Trail}");
        await cluster.ResetAsJoinerAsync(id).ConfigureAwait(false);
        return (name, async () =>
        {
            if (await members.RestoreAsync(id, CancellationToken.None).ConfigureAwait(false))
            {
                log.WriteLine($"nemesis: n{id} a voter again: {members.Trail}");
                await cluster.RejoinedAsync(id).ConfigureAwait(false);
            }
            else
            {
                log.WriteLine($"nemesis: WARNING n{id} is not a voter again after {members.Attempts - 1} rounds ({members.Trail})");
            }
        });
    }

    private static async Task ForEachAsync(IReadOnlyList<ulong> ids, Func<ulong, Task> action)
    {
        foreach (var id in ids)
        {
            await action(id).ConfigureAwait(false);
        }
    }

    private async Task<(string Name, Func<Task> Heal)> ApplyAsync(FaultKind fault)
    {
        var leader = await cluster.LeaderAsync(TimeSpan.Zero).ConfigureAwait(false);
        var ids = cluster.Ids;
        var random = ids[_random.Next(ids.Count)];
        switch (fault)
        {
            case FaultKind.KillRandom or FaultKind.KillLeader:
                var victim = fault == FaultKind.KillLeader && leader is { } l ? l : random;
                await cluster.KillAsync(victim).ConfigureAwait(false);
                return ($"kill n{victim}{(victim == leader ? " (leader)" : string.Empty)}", () => cluster.RestartAsync(victim));
            case FaultKind.KillAll:
                await ForEachAsync(ids, cluster.KillAsync).ConfigureAwait(false);
                return ("kill all", () => ForEachAsync(ids, cluster.RestartAsync));
            case FaultKind.PauseAll:
                await ForEachAsync(ids, cluster.PauseAsync).ConfigureAwait(false);
                return ("pause all", () => ForEachAsync(ids, cluster.ResumeAsync));
            case FaultKind.PauseRandom or FaultKind.PauseLeader:
                var paused = fault == FaultKind.PauseLeader && leader is { } p ? p : random;
                await cluster.PauseAsync(paused).ConfigureAwait(false);
                return ($"pause n{paused}{(paused == leader ? " (leader)" : string.Empty)}", () => cluster.ResumeAsync(paused));
            case FaultKind.MemberRandom or FaultKind.MemberLeader:
                var member = fault == FaultKind.MemberLeader && leader is { } m ? m : random;
                return await RemoveMemberAsync(member, member == leader).ConfigureAwait(false);
            default:
                var plan = PartitionPlan.For(fault, ids, leader, _random);
                await cluster.PartitionAsync(plan.Connected).ConfigureAwait(false);
                return (plan.Name, cluster.HealLinksAsync);
        }
    }
}
