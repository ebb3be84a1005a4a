using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class CounterCheckerTests
{
    private static Verdict Check(params Operation[] history) => new CounterChecker().Check(history);

    [Fact]
    public void Final_read_equal_to_the_acknowledged_sum_passes()
    {
        var verdict = Check(Ops.Add(1, 5, 0, 10), Ops.Add(2, -3, 5, 15), Ops.Add(3, 10, 20, 30, ok: false), Ops.Read(4, 2, 40, 50));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Contains("final read 2 in [2, 2]", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Indeterminate_adds_may_or_may_not_count_with_their_sign()
    {
        Operation[] adds = [Ops.Add(1, 5, 0, 10), Ops.Add(2, 4, 5, null), Ops.Add(3, -2, 6, null)];

        foreach (var final in new long[] { 3, 5, 7, 9 })
        {
            Assert.Equal(VerdictOutcome.Valid, Check([.. adds, Ops.Read(4, final, 40, 50)]).Outcome);
        }

        Assert.Equal(VerdictOutcome.Invalid, Check([.. adds, Ops.Read(4, 10, 40, 50)]).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check([.. adds, Ops.Read(4, 2, 40, 50)]).Outcome);
    }

    [Fact]
    public void Read_below_the_acknowledged_sum_is_out_of_bounds()
    {
        var verdict = Check(Ops.Add(1, 5, 0, 10), Ops.Add(2, 5, 20, 30), Ops.Read(3, 5, 40, 50));

        VerdictAssert.Invalid(verdict, "allow only [10, 10]");
        Assert.Contains(Ops.Read(3, 5, 40, 50), verdict.FailingSlice);
    }

    [Fact]
    public void Read_concurrent_with_an_add_may_see_it_or_not_but_not_an_add_invoked_after_it()
    {
        Operation[] adds = [Ops.Add(1, 5, 0, 100)];

        Assert.Equal(VerdictOutcome.Valid, Check([.. adds, Ops.Read(2, 0, 10, 20)]).Outcome);
        Assert.Equal(VerdictOutcome.Valid, Check([.. adds, Ops.Read(2, 5, 10, 20)]).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Read(2, 5, 10, 20), Ops.Add(1, 5, 30, 40)).Outcome);
    }

    [Fact]
    public void An_add_that_reports_its_result_is_checked_like_a_read()
    {
        Assert.Equal(VerdictOutcome.Valid, Check(Ops.Add(1, 5, 0, 10, output: 5), Ops.Add(2, 1, 20, 30, output: 6)).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Add(1, 5, 0, 10, output: 5), Ops.Add(2, 1, 20, 30, output: 1)).Outcome);
    }

    [Fact]
    public void Read_of_a_non_integer_is_invalid_not_a_crash()
    {
        var verdict = Check(Ops.Add(1, 5, 0, 10), new Operation(2, "get", "c", null, null, "five", true, 20, 30));

        VerdictAssert.Invalid(verdict, "not an integer");
    }
}
