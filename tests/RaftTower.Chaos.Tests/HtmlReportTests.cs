using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.Checkers.Linearizability;
using RaftTower.Chaos.History;
using RaftTower.Chaos.Report;

namespace RaftTower.Chaos.Tests;

public class HtmlReportTests
{
    internal static RunReport FailingRun()
    {
        Operation[] history =
        [
            Ops.Put(1, "a", 0, 1_000_000), Ops.Put(1, "b", 2_000_000, 3_000_000), Ops.Get(2, "a", 4_000_000, 5_000_000),
            Ops.Put(3, "c", 4_500_000, null), Ops.SetAdd(4, "x", 100_000, 200_000),
        ];
        var verdicts = new[] { new LinearizabilityChecker().Check(history), new SetChecker().Check(history) };
        return new RunReport("register", history, verdicts, [new NemesisWindow(1_500_000, 3_500_000, "partition isolated-leader")], 1_000_000_000);
    }

    [Fact]
    public void Report_shows_verdicts_charts_nemesis_bands_and_the_failing_slice()
    {
        var html = HtmlReport.Render(FailingRun());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"invalid\">FAIL</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td>linearizability</td><td class=\"invalid\">invalid</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>set</td><td class=\"unknown\">unknown</td>", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<svg"));
        Assert.Contains("partition isolated-leader", html, StringComparison.Ordinal);
        Assert.Contains("class=\"nemesis\"", html, StringComparison.Ordinal);
        Assert.Contains("Failing slice: linearizability", html, StringComparison.Ordinal);
        // The slice: the overwrite, the stale read, and the indeterminate write concurrent with the read.
        Assert.Equal(3, CountOf(html, "class=\"pt-slice\""));
        Assert.Contains("<td>2</td><td>get</td><td>k</td><td><i>null</i></td><td><i>null</i></td><td>a</td><td>true</td><td>0.004</td><td>0.005</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_run_has_no_failing_slice_section()
    {
        var html = RenderChecked(Ops.Put(1, "a", 0, 10), Ops.Get(2, "a", 20, 30));

        Assert.Contains("<span class=\"valid\">PASS</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Failing slice", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_history_is_html_encoded()
    {
        var html = RenderChecked(Ops.Put(1, "<script>alert(1)</script>", 0, 10), Ops.Get(2, "x", 20, 30));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    private static string RenderChecked(params Operation[] history) =>
        HtmlReport.Render(new RunReport("register", history, [new LinearizabilityChecker().Check(history)], [], 1000));

    private static int CountOf(string text, string fragment) => (text.Length - text.Replace(fragment, string.Empty, StringComparison.Ordinal).Length) / fragment.Length;
}
