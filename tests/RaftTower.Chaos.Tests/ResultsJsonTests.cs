using System.Text.Json;
using RaftTower.Chaos.Report;

namespace RaftTower.Chaos.Tests;

public class ResultsJsonTests
{
    [Fact]
    public void Results_carry_each_checker_with_its_verdict_and_failing_slice()
    {
        using var stream = new MemoryStream();
        ResultsJson.Write(stream, HtmlReportTests.FailingRun());

        using var document = JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var linearizability = root.GetProperty("checkers")[0];
        Assert.Equal("linearizability", linearizability.GetProperty("name").GetString());
        Assert.False(linearizability.GetProperty("valid").GetBoolean());
        Assert.Equal(4, linearizability.GetProperty("ops").GetInt32());
        Assert.Contains("not linearizable", linearizability.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var slice = linearizability.GetProperty("failingSlice");
        Assert.Equal(["put", "get", "put"], slice.EnumerateArray().Select(o => o.GetProperty("op").GetString()));
        Assert.Equal(JsonValueKind.Null, slice[2].GetProperty("return").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("checkers")[1].GetProperty("valid").ValueKind);
        Assert.Equal("unknown", root.GetProperty("checkers")[1].GetProperty("outcome").GetString());
    }
}
