using RaftTower.Chaos.Runner;

namespace RaftTower.Chaos.Tests;

public class RunCommandTests
{
    [Theory]
    [InlineData("--backend", "podman", "--workload", "counter", "--nemesis", "none", "--out", "x")]
    [InlineData("--nodes", "4", "--workload", "counter", "--nemesis", "none", "--out", "x")]
    [InlineData("--workload", "queue", "--nemesis", "none", "--out", "x")]
    [InlineData("--workload", "counter", "--nemesis", "flood", "--out", "x")]
    [InlineData("--workload", "counter", "--nemesis", "none")]
    [InlineData("--workload", "counter", "--nemesis", "none", "--out", "x", "--rate", "zero")]
    [InlineData("--workload", "counter", "--nemesis", "none", "--out", "x", "--time-limit")]
    [InlineData("--workload", "counter", "--nemesis", "none", "--out", "x", "--confirm-reads", "yes")]
    public void Bad_arguments_exit_2_with_a_reason_and_start_nothing(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, RunCommand.Run(args, TextWriter.Null, error));
        Assert.StartsWith("run: ", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public void A_short_counter_run_with_kills_on_three_nodes_passes_and_writes_its_outputs()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rafttower-chaos-tests", Guid.NewGuid().ToString("N")[..8]);
        var output = new StringWriter();
        try
        {
            var code = RunCommand.Run(
                ["--nodes", "3", "--workload", "counter", "--nemesis", "kill", "--time-limit", "10", "--rate", "50", "--concurrency", "3", "--out", dir, "--seed", "1"],
                output,
                output);
            Assert.True(code == 0, output.ToString());
            Assert.Contains("nemesis:", output.ToString(), StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(dir, "history.jsonl")).Length > 0);
            Assert.Contains("\"valid\": true", File.ReadAllText(Path.Combine(dir, "results.json")), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, "report.html")));
            Assert.True(File.Exists(Path.Combine(dir, "logs", "n1.log")));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
