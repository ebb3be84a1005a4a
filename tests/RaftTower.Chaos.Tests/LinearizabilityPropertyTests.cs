using FsCheck;
using FsCheck.Fluent;
using RaftTower.Chaos.Checkers;
using RaftTower.Chaos.Checkers.Linearizability;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class LinearizabilityPropertyTests
{
    private static readonly Arbitrary<(int Seed, int Count, int Width)> Histories =
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from count in Gen.Choose(1, 120)
         from width in Gen.Choose(0, 40)
         select (seed, count, width)).ToArbitrary();

    [Fact]
    public void Sequential_model_with_random_real_time_overlaps_is_always_linearizable()
    {
        Prop.ForAll(Histories, h =>
            new LinearizabilityChecker().Check(SequentialHistories.Generate(h.Seed, h.Count, h.Width)).Outcome == VerdictOutcome.Valid)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Same_history_with_one_read_corrupted_is_not_linearizable()
    {
        Prop.ForAll(Histories, h =>
        {
            var corrupted = SequentialHistories.CorruptOneRead(SequentialHistories.Generate(h.Seed, h.Count, h.Width), h.Seed);
            if (corrupted is null)
            {
                return true;
            }

            var verdict = new LinearizabilityChecker().Check(corrupted);
            return verdict.Outcome == VerdictOutcome.Invalid
                && verdict.FailingSlice.Any(o => o.Output == SequentialHistories.Impossible)
                && WglSearch.Run(verdict.FailingSlice, SearchBudget.Default).Outcome == SearchOutcome.NotLinearizable;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Both_search_orders_agree_on_valid_and_corrupted_histories()
    {
        Prop.ForAll(Histories, h =>
        {
            var valid = KeyHistory.Prepare(SequentialHistories.Generate(h.Seed, h.Count, h.Width));
            var corrupted = SequentialHistories.CorruptOneRead(valid, h.Seed);
            return Outcomes(valid) == (SearchOutcome.Linearizable, SearchOutcome.Linearizable)
                && (corrupted is null || Outcomes(corrupted) == (SearchOutcome.NotLinearizable, SearchOutcome.NotLinearizable));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

        static (SearchOutcome, SearchOutcome) Outcomes(List<Operation> history) =>
            (WglSearch.RunInOrder(history, SearchBudget.Default, determinateFirst: false).Outcome,
             WglSearch.RunInOrder(history, SearchBudget.Default, determinateFirst: true).Outcome);
    }
}
