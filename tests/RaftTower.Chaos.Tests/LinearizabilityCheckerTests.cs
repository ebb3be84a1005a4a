using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.Checkers.Linearizability;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class LinearizabilityCheckerTests
{
    private static Verdict Check(params Operation[] history) => new LinearizabilityChecker().Check(history);

    [Fact]
    public void Sequential_reads_of_the_latest_write_are_linearizable()
    {
        var verdict = Check(Ops.Get(1, null, 0, 5), Ops.Put(1, "a", 10, 20), Ops.Get(2, "a", 30, 40), Ops.Delete(1, 50, 60), Ops.Get(2, null, 70, 80));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Empty(verdict.FailingSlice);
    }

    [Fact]
    public void Stale_read_after_a_completed_overwrite_is_not_linearizable()
    {
        var verdict = Check(Ops.Put(1, "a", 0, 10), Ops.Put(1, "b", 20, 30), Ops.Get(2, "a", 40, 50));

        VerdictAssert.Invalid(verdict, "get → \"a\"");
        Assert.Equal([Ops.Put(1, "b", 20, 30), Ops.Get(2, "a", 40, 50)], verdict.FailingSlice);
    }

    [Fact]
    public void Lost_acknowledged_write_is_not_linearizable()
    {
        var verdict = Check(Ops.Put(1, "a", 0, 10), Ops.Append(2, "x", 20, 30), Ops.Get(3, "a", 40, 50));

        Assert.Equal(VerdictOutcome.Invalid, verdict.Outcome);
    }

    [Fact]
    public void Write_seen_before_it_was_invoked_is_not_linearizable()
    {
        var verdict = Check(Ops.Get(2, "a", 0, 10), Ops.Put(1, "a", 20, 30));

        Assert.Equal(VerdictOutcome.Invalid, verdict.Outcome);
        Assert.Contains(Ops.Get(2, "a", 0, 10), verdict.FailingSlice);
    }

    [Fact]
    public void Concurrent_writes_may_be_ordered_either_way()
    {
        var writes = new[] { Ops.Put(1, "a", 0, 100), Ops.Put(2, "b", 10, 90) };

        Assert.Equal(VerdictOutcome.Valid, Check([.. writes, Ops.Get(3, "a", 110, 120)]).Outcome);
        Assert.Equal(VerdictOutcome.Valid, Check([.. writes, Ops.Get(3, "b", 110, 120)]).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check([.. writes, Ops.Get(3, "a", 110, 120), Ops.Get(4, "b", 130, 140)]).Outcome);
    }

    [Fact]
    public void Indeterminate_write_that_took_effect_is_linearizable()
    {
        var verdict = Check(Ops.Put(1, "a", 0, 10), Ops.Put(2, "b", 20, null), Ops.Get(3, "b", 1000, 1010));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public void Indeterminate_write_that_never_took_effect_is_linearizable()
    {
        // Had the cas applied, it applied while the value was "a": before the read (which then saw "b")
        // or before the later cas (which then failed). So it never did, and that is allowed.
        var verdict = Check(Ops.Put(1, "a", 0, 10), Ops.Cas(2, "a", "b", ok: true, 20, null), Ops.Get(3, "a", 30, 40), Ops.Cas(3, "a", "c", ok: true, 50, 60), Ops.Get(3, "c", 70, 80));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public void Indeterminate_write_takes_effect_at_most_once_and_not_before_its_call()
    {
        var early = Check(Ops.Get(3, "b", 0, 10), Ops.Put(2, "b", 20, null));
        var flicker = Check(Ops.Put(1, "a", 0, 10), Ops.Put(2, "b", 20, null), Ops.Get(3, "b", 30, 40), Ops.Get(3, "a", 50, 60), Ops.Get(3, "b", 70, 80));

        Assert.Equal(VerdictOutcome.Invalid, early.Outcome);
        Assert.Equal(VerdictOutcome.Invalid, flicker.Outcome);
    }

    [Fact]
    public void Failed_operations_did_not_happen()
    {
        var failedPut = Check(Ops.Put(1, "a", 0, 10), Ops.Put(2, "b", 20, 30, ok: false), Ops.Get(3, "b", 40, 50));

        Assert.Equal(VerdictOutcome.Invalid, failedPut.Outcome);
    }

    [Fact]
    public void Cas_succeeds_only_on_the_expected_value_and_a_failed_cas_saw_another_one()
    {
        Assert.Equal(VerdictOutcome.Valid, Check(Ops.Cas(1, null, "a", ok: true, 0, 10), Ops.Cas(2, "a", "b", ok: true, 20, 30), Ops.Get(3, "b", 40, 50)).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Put(1, "a", 0, 10), Ops.Cas(2, null, "b", ok: true, 20, 30)).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Put(1, "a", 0, 10), Ops.Cas(2, "a", "b", ok: false, 20, 30)).Outcome);
        Assert.Equal(VerdictOutcome.Valid, Check(Ops.Put(1, "a", 0, 10), Ops.Cas(2, "a", null, ok: true, 20, 30), Ops.Get(3, null, 40, 50)).Outcome);
    }

    [Fact]
    public void Append_concatenates_and_add_sums_what_it_reports()
    {
        Assert.Equal(VerdictOutcome.Valid, Check(Ops.Append(1, "x", 0, 10), Ops.Append(2, "y", 5, 15), Ops.Get(3, "yx", 20, 30)).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Append(1, "x", 0, 10), Ops.Append(2, "y", 20, 30), Ops.Get(3, "yx", 40, 50)).Outcome);
        Operation[] adds = [Ops.Add(1, 5, 0, 10, output: 5, key: "k"), Ops.Add(2, -2, 20, 30, output: 3, key: "k"), Ops.Get(3, "3", 40, 50)];
        Assert.Equal(VerdictOutcome.Valid, Check(adds).Outcome);
        Assert.Equal(VerdictOutcome.Invalid, Check(Ops.Put(1, "text", 0, 10), Ops.Add(2, 1, 20, 30, output: 1, key: "k")).Outcome);
    }

    [Fact]
    public void Duplicated_string_append_is_not_linearizable()
    {
        var verdict = Check(Ops.Append(1, "x", 0, 10), Ops.Append(2, "y", 20, 30), Ops.Get(3, "xyx", 40, 50));

        VerdictAssert.Invalid(verdict, "get → \"xyx\"");
    }

    [Fact]
    public void Keys_are_checked_independently()
    {
        var verdict = Check(Ops.Put(1, "a", 0, 10, key: "x"), Ops.Get(2, null, 20, 30, key: "y"), Ops.Get(2, "a", 20, 30, key: "x"));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Equal(3, verdict.Operations);
    }

    [Fact]
    public void Every_failing_key_is_counted_and_the_first_is_sliced()
    {
        var verdict = Check(
            Ops.Put(1, "a", 0, 10, key: "x"), Ops.Get(2, "b", 20, 30, key: "x"),
            Ops.Put(1, "a", 0, 10, key: "y"), Ops.Get(2, "a", 20, 30, key: "y"),
            Ops.Put(1, "a", 0, 10, key: "z"), Ops.Get(2, null, 20, 30, key: "z"));

        VerdictAssert.Invalid(verdict, "2 of 3 key(s) not linearizable (\"x\", \"z\")");
        Assert.All(verdict.FailingSlice, o => Assert.Equal("x", o.Key));
    }

    [Fact]
    public void Failing_slice_of_a_long_history_is_the_short_window_that_fails()
    {
        var history = new List<Operation>();
        for (var i = 0; i < 200; i++)
        {
            history.Add(Ops.Put(1, $"v{i}", i * 100, (i * 100) + 10));
            history.Add(Ops.Get(2, $"v{i}", (i * 100) + 20, (i * 100) + 30));
        }

        history.Add(Ops.Get(3, "v150", 20_100, 20_110));
        history.Add(Ops.Put(1, "after", 20_200, 20_210));

        var verdict = Check([.. history]);

        Assert.Equal(VerdictOutcome.Invalid, verdict.Outcome);
        Assert.Equal([Ops.Put(1, "v199", 19_900, 19_910), Ops.Get(3, "v150", 20_100, 20_110)], verdict.FailingSlice);
        Assert.Equal(SearchOutcome.NotLinearizable, WglSearch.Run(verdict.FailingSlice, SearchBudget.Default).Outcome);
    }

    [Fact]
    public void Stale_read_behind_many_timed_out_writes_is_found_without_trying_every_subset_of_them()
    {
        // 2^24 subsets of timed-out writes could have happened before the read; a configuration that spent
        // fewer of them dominates one that spent more, so the search stays small.
        var history = new List<Operation> { Ops.Put(1, "a", 0, 10), Ops.Put(1, "b", 50, 60), Ops.Get(2, "a", 100, 110) };
        history.AddRange(Enumerable.Range(0, 24).Select(i => Ops.Put(10 + i, $"lost{i}", 20 + i, null)));

        var verdict = new LinearizabilityChecker(new SearchBudget(20_000, TimeSpan.FromSeconds(30))).Check(history);

        VerdictAssert.Invalid(verdict, "get → \"a\"");
    }

    [Fact]
    public void Exhausted_budget_gives_unknown_instead_of_hanging()
    {
        // Many concurrent indeterminate appends make the number of reachable states explode.
        var history = Enumerable.Range(0, 24).Select(i => Ops.Append(i, $"{(char)('a' + i)}", i, null)).ToList();
        history.Add(Ops.Get(99, "no such value", 100, 110));

        var verdict = new LinearizabilityChecker(new SearchBudget(500, TimeSpan.FromSeconds(30))).Check(history);

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Contains("state budget of 500", verdict.Explanation, StringComparison.Ordinal);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Long_append_history_beyond_the_state_memory_budget_gives_unknown()
    {
        var history = Enumerable.Range(0, 400).Select(i => Ops.Append(1, new string('x', 100), i * 10, (i * 10) + 5)).ToList();

        var verdict = new LinearizabilityChecker(new SearchBudget(1_000_000, TimeSpan.FromSeconds(30), MaxStateChars: 100_000)).Check(history);

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Contains("state memory budget", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_operations_on_one_key_with_low_concurrency_finish_within_the_default_budget()
    {
        var history = SequentialHistories.Generate(seed: 7, count: 10_000, maxWidth: 25);

        var verdict = Check([.. history]);

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }
}
