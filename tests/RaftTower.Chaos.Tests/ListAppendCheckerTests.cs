using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class ListAppendCheckerTests
{
    private static Verdict Check(params Operation[] history) => new ListAppendChecker().Check(history);

    [Fact]
    public void Growing_prefixes_of_one_order_pass()
    {
        var verdict = Check(
            Ops.Push(1, "a", 0, 10), Ops.Push(2, "b", 5, 15), Ops.Push(3, "c", 20, null),
            Ops.Range(4, ["b"], 8, 12), Ops.Range(4, ["b", "a"], 30, 40), Ops.Range(5, ["b", "a", "c"], 50, 60));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public void Duplicated_append_fails()
    {
        var verdict = Check(Ops.Push(1, "a", 0, 10), Ops.Range(2, ["a", "a"], 20, 30));

        VerdictAssert.Invalid(verdict, "duplicated append");
    }

    [Fact]
    public void Reads_that_disagree_on_the_order_fail()
    {
        var verdict = Check(Ops.Push(1, "a", 0, 10), Ops.Push(2, "b", 0, 10), Ops.Range(3, ["a", "b"], 20, 30), Ops.Range(4, ["b"], 20, 30));

        VerdictAssert.Invalid(verdict, "disagree on the order");
    }

    [Fact]
    public void Acknowledged_append_missing_from_a_later_read_is_a_lost_write()
    {
        var verdict = Check(Ops.Push(1, "a", 0, 10), Ops.Push(2, "b", 0, 10), Ops.Range(3, ["a"], 20, 30));

        VerdictAssert.Invalid(verdict, "lost write");
        Assert.Equal([Ops.Push(2, "b", 0, 10), Ops.Range(3, ["a"], 20, 30)], verdict.FailingSlice);
    }

    [Fact]
    public void Read_shorter_than_a_read_that_finished_before_it_began_fails()
    {
        var verdict = Check(Ops.Push(1, "a", 0, null), Ops.Range(2, ["a"], 10, 20), Ops.Range(3, [], 30, 40));

        VerdictAssert.Invalid(verdict, "was lost");
    }

    [Fact]
    public void Element_read_before_its_append_was_invoked_fails()
    {
        var verdict = Check(Ops.Range(2, ["a"], 0, 10), Ops.Push(1, "a", 20, 30));

        VerdictAssert.Invalid(verdict, "before its append was invoked");
    }

    [Fact]
    public void Append_acknowledged_before_another_was_invoked_must_come_first()
    {
        // "a" returned at 10, "b" was invoked at 20, yet the (still indeterminate) "a" sorts after "b".
        var verdict = Check(Ops.Push(1, "a", 0, 10), Ops.Push(2, "b", 20, 30), Ops.Range(3, ["b", "a"], 5, 40));

        VerdictAssert.Invalid(verdict, "before \"b\" was invoked");
    }

    [Fact]
    public void Concurrent_appends_may_land_in_either_order()
    {
        Operation[] appends = [Ops.Push(1, "a", 0, 30), Ops.Push(2, "b", 10, 20)];

        Assert.Equal(VerdictOutcome.Valid, Check([.. appends, Ops.Range(3, ["a", "b"], 40, 50)]).Outcome);
        Assert.Equal(VerdictOutcome.Valid, Check([.. appends, Ops.Range(3, ["b", "a"], 40, 50)]).Outcome);
    }
}
