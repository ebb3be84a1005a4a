using System.CommandLine;
using System.Globalization;
using RaftTower.Cli.Commands;
using RaftTower.Client;
using Spectre.Console;

namespace RaftTower.Cli.Output;

/// <summary>Renders <see cref="ClusterStatus"/>: a summary line and a member table, or one JSON object.</summary>
internal static class StatusView
{
    public static void Print(CommandRunner runner, ParseResult parse, ClusterStatus status)
    {
        if (runner.Json(parse))
        {
            runner.WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("nodeId", status.NodeId);
                json.WriteString("role", Name(status.Role));
                json.WriteNumber("leaderId", status.LeaderId);
                json.WriteString("leaderAddress", status.LeaderAddress);
                json.WriteNumber("term", status.Term);
                json.WriteNumber("commitIndex", status.CommitIndex);
                json.WriteNumber("appliedIndex", status.AppliedIndex);
                json.WriteStartArray("members");
                foreach (var m in status.Members)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", m.Id);
                    json.WriteString("role", Name(m.Role));
                    json.WriteBoolean("learner", m.IsLearner);
                    json.WriteString("clientAddress", m.ClientAddress);
                    json.WriteString("peerAddress", m.PeerAddress);
                    json.WriteNumber("matchIndex", m.MatchIndex);
                    if (status.LagOf(m) is { } lag)
                    {
                        json.WriteNumber("lag", lag);
                    }
                    else
                    {
                        json.WriteNull("lag");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        var console = runner.Console;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"node [bold]{status.NodeId}[/] ({Name(status.Role)})  leader [bold]{(status.LeaderId == 0 ? "none" : status.LeaderId)}[/] {Markup.Escape(status.LeaderAddress ?? string.Empty)}  term [bold]{status.Term}[/]  commit [bold]{status.CommitIndex}[/]  applied [bold]{status.AppliedIndex}[/]"));
        var table = new Table()
            .AddColumn(new TableColumn("id").RightAligned())
            .AddColumns("role", "client address", "peer address")
            .AddColumn(new TableColumn("match index").RightAligned())
            .AddColumn(new TableColumn("lag").RightAligned());
        foreach (var m in status.Members)
        {
            var role = m.Role == MemberRole.Leader ? $"[green]{Name(m.Role)}[/]" : m.Role == MemberRole.Unreachable ? $"[red]{Name(m.Role)}[/]" : Name(m.Role);
            table.AddRow(
                m.Id.ToString(CultureInfo.InvariantCulture),
                role,
                Markup.Escape(m.ClientAddress),
                Markup.Escape(m.PeerAddress),
                m.MatchIndex.ToString(CultureInfo.InvariantCulture),
                status.LagOf(m)?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        console.Write(table);
    }

    private static string Name(MemberRole role) => role.ToString().ToLowerInvariant();
}
