using System.Text.Json;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chaos-check-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Linearizable_history_exits_zero_and_writes_results_and_report()
    {
        var (code, output, _) = Run("register", Ops.Put(1, "a", 0, 10), Ops.Get(2, "a", 20, 30));

        Assert.Equal(0, code);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "out", "results.json")));
        Assert.True(results.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains("PASS", File.ReadAllText(Path.Combine(_directory, "out", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Violation_exits_one()
    {
        var (code, output, _) = Run("counter", Ops.Add(1, 5, 0, 10), Ops.Read(2, 0, 20, 30));

        Assert.Equal(1, code);
        Assert.Contains("counter", output, StringComparison.Ordinal);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_workload_runs_list_append_and_string_append_checkers_that_have_operations()
    {
        var (code, output, _) = Run("append", Ops.Push(1, "a", 0, 10), Ops.Range(2, ["a"], 20, 30), Ops.Append(1, "x", 0, 10), Ops.Get(2, "x", 20, 30));

        Assert.Equal(0, code);
        Assert.Contains("list-append", output, StringComparison.Ordinal);
        Assert.Contains("linearizability", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_history_exits_two_naming_the_line_and_writes_nothing()
    {
        var path = Path.Combine(_directory, "bad.jsonl");
        File.WriteAllText(path, HistoryWriter.ToText([Ops.Put(1, "a", 0, 10)]) + "{\"client\":1}\n");
        var error = new StringWriter();

        var code = CheckCommand.Run(["--history", path, "--workload", "register", "--out", Path.Combine(_directory, "out")], TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains("line 2", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
    }

    [Theory]
    [InlineData(new[] { "--workload", "register" }, "--history is required")]
    [InlineData(new[] { "--history", "h.jsonl", "--workload", "bank" }, "--workload must be one of")]
    [InlineData(new[] { "--history" }, "needs a value")]
    [InlineData(new[] { "--history", "h.jsonl", "--speed", "9" }, "unknown option")]
    public void Bad_arguments_exit_two_with_usage(string[] args, string message)
    {
        var error = new StringWriter();

        var code = CheckCommand.Run(args, TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }

    private (int Code, string Output, string Error) Run(string workload, params Operation[] history)
    {
        var path = Path.Combine(_directory, "history.jsonl");
        HistoryWriter.WriteFile(path, history);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CheckCommand.Run(["--history", path, "--workload", workload, "--out", Path.Combine(_directory, "out")], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
