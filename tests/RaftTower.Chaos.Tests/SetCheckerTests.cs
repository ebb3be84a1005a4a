using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class SetCheckerTests
{
    private static Verdict Check(params Operation[] history) => new SetChecker().Check(history);

    [Fact]
    public void Every_acknowledged_add_in_the_final_read_passes_and_indeterminate_ones_may_be_either()
    {
        var verdict = Check(Ops.SetAdd(1, "a", 0, 10), Ops.SetAdd(2, "b", 5, null), Ops.SetAdd(3, "c", 6, null), Ops.SetRead(4, ["a", "c"], 100, 110));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Contains("1 of 2 indeterminate adds present", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_acknowledged_element_fails()
    {
        var verdict = Check(Ops.SetAdd(1, "a", 0, 10), Ops.SetAdd(2, "b", 20, 30), Ops.SetRead(3, ["a"], 100, 110));

        VerdictAssert.Invalid(verdict, "first \"b\"");
        Assert.Equal([Ops.SetAdd(2, "b", 20, 30), Ops.SetRead(3, ["a"], 100, 110)], verdict.FailingSlice);
    }

    [Fact]
    public void Element_seen_by_a_read_then_missing_from_a_later_read_is_lost()
    {
        var verdict = Check(Ops.SetAdd(1, "a", 0, null), Ops.SetRead(2, ["a"], 10, 20), Ops.SetRead(3, [], 30, 40));

        Assert.Equal(VerdictOutcome.Invalid, verdict.Outcome);
    }

    [Fact]
    public void Element_never_added_or_whose_add_failed_must_not_be_read()
    {
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.SetAdd(1, "a", 0, 10), Ops.SetRead(3, ["a", "z"], 100, 110)).Outcome);
        var failed = Check(Ops.SetAdd(1, "a", 0, 10, ok: false), Ops.SetRead(3, ["a"], 100, 110));
        VerdictAssert.Invalid(failed, "whose only adds failed");
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.SetRead(3, ["a"], 0, 10), Ops.SetAdd(1, "a", 20, 30)).Outcome);
    }

    [Fact]
    public void Adds_without_any_read_give_unknown()
    {
        Assert.Equal(VerdictOutcome.Unknown, Check(Ops.SetAdd(1, "a", 0, 10)).Outcome);
    }
}
