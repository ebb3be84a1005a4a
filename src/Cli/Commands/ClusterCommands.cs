using System.CommandLine;
using RaftTower.Cli.Output;
using RaftTower.Client;

namespace RaftTower.Cli.Commands;

/// <summary><c>status</c>, <c>member add|promote|remove</c> and <c>transfer-leader</c>.</summary>
internal static class ClusterCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        var status = new Command("status", "Show members, roles, term, commit/applied index and replication lag");
        status.SetAction((parse, ct) => runner.RunAsync(parse, async client => StatusView.Print(runner, parse, await client.GetClusterStatusAsync(ct).ConfigureAwait(false)), ct));
        yield return status;

        var member = new Command("member", "Change the membership, one server at a time");
        var id = new Argument<ulong>("id") { Description = "The node id" };
        var peer = new Argument<string>("peer-address") { Description = "Where the other nodes reach it (host:port)" };
        var client = new Argument<string>("client-address") { Description = "Where clients reach it (http://host:port)" };
        var learner = new Option<bool>("--learner") { Description = "Join as a non-voting learner (promote it once it caught up)" };
        var add = new Command("add", "Add a node") { id, peer, client, learner };
        add.SetAction((parse, ct) => Change(runner, parse, c => c.AddMemberAsync(parse.GetValue(id), parse.GetValue(peer)!, parse.GetValue(client)!, parse.GetValue(learner), ct), ct));
        member.Subcommands.Add(add);
        foreach (var (name, help, call) in new (string, string, Func<TowerClient, ulong, CancellationToken, Task>)[]
        {
            ("promote", "Make a learner a voter", (c, n, ct) => c.PromoteMemberAsync(n, ct)),
            ("remove", "Remove a node", (c, n, ct) => c.RemoveMemberAsync(n, ct)),
        })
        {
            var target = new Argument<ulong>("id") { Description = "The node id" };
            var command = new Command(name, help) { target };
            command.SetAction((parse, ct) => Change(runner, parse, c => call(c, parse.GetValue(target), ct), ct));
            member.Subcommands.Add(command);
        }

        yield return member;

        var to = new Argument<ulong>("id") { Description = "The voter that should lead" };
        var transfer = new Command("transfer-leader", "Hand leadership to another voter") { to };
        transfer.SetAction((parse, ct) => Change(runner, parse, c => c.TransferLeadershipAsync(parse.GetValue(to), ct), ct));
        yield return transfer;
    }

    private static Task<int> Change(CommandRunner runner, ParseResult parse, Func<TowerClient, Task> change, CancellationToken cancellationToken) =>
        runner.RunAsync(parse, async client =>
        {
            await change(client).ConfigureAwait(false);
            if (runner.Json(parse))
            {
                runner.WriteJson(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("result", "OK");
                    json.WriteEndObject();
                });
            }
            else
            {
                runner.Output.WriteLine("OK");
            }
        }, cancellationToken);
}
