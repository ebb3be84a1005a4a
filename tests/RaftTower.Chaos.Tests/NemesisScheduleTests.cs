using RaftTower.Chaos.Nemesis;

namespace RaftTower.Chaos.Tests;

public class NemesisScheduleTests
{
    private static readonly NemesisKind[] Three = [NemesisKind.Partition, NemesisKind.Kill, NemesisKind.Pause];

    [Fact]
    public void Every_fault_is_healed_before_the_time_limit_and_faults_never_overlap()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var steps = NemesisSchedule.Generate(Three, TimeSpan.FromSeconds(30), seed);
            Assert.NotEmpty(steps);
            Assert.All(steps, s => Assert.True(s.End <= TimeSpan.FromSeconds(29) && s.Duration >= TimeSpan.FromSeconds(1)));
            Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End + TimeSpan.FromSeconds(2)));
        }
    }

    [Fact]
    public void A_thirty_second_run_applies_each_enabled_kind_at_least_once()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var faults = NemesisSchedule.Generate(Three, TimeSpan.FromSeconds(30), seed).Select(s => s.Fault.ToString()).ToList();
            Assert.Contains(faults, f => f.StartsWith("Partition", StringComparison.Ordinal));
            Assert.Contains(faults, f => f.StartsWith("Kill", StringComparison.Ordinal));
            Assert.Contains(faults, f => f.StartsWith("Pause", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Only_the_enabled_kinds_appear_and_the_same_seed_gives_the_same_schedule()
    {
        var a = NemesisSchedule.Generate([NemesisKind.Pause], TimeSpan.FromSeconds(60), 7);
        Assert.All(a, s => Assert.Equal(NemesisKind.Pause, NemesisSchedule.KindOf(s.Fault)));
        Assert.Equal(a, NemesisSchedule.Generate([NemesisKind.Pause], TimeSpan.FromSeconds(60), 7));
    }

    [Fact]
    public void All_includes_member()
    {
        Assert.Contains(NemesisKind.Member, NemesisSchedule.Parse("all", out _)!);
    }

    [Fact]
    public void Every_variant_of_every_kind_is_drawn_over_a_few_schedules()
    {
        var drawn = Enumerable.Range(0, 50)
            .SelectMany(seed => NemesisSchedule.Generate(Enum.GetValues<NemesisKind>(), TimeSpan.FromSeconds(60), seed))
            .Select(s => s.Fault)
            .ToHashSet();
        Assert.Equal(Enum.GetValues<FaultKind>().ToHashSet(), drawn);
        Assert.Equal(Enum.GetValues<NemesisKind>().ToHashSet(), drawn.Select(NemesisSchedule.KindOf).ToHashSet());
    }

    [Fact]
    public void No_nemesis_or_a_run_too_short_for_a_fault_gives_an_empty_schedule()
    {
        Assert.Empty(NemesisSchedule.Generate([], TimeSpan.FromSeconds(60), 1));
        Assert.Empty(NemesisSchedule.Generate(Three, TimeSpan.FromSeconds(4), 1));
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("all", 4)]
    [InlineData("partition,kill,pause", 3)]
    [InlineData("member", 1)]
    [InlineData("member,partition", 2)]
    [InlineData("kill,kill", 1)]
    public void Nemesis_lists_parse(string text, int count)
    {
        Assert.Equal(count, NemesisSchedule.Parse(text, out var problem)!.Count);
        Assert.Empty(problem);
    }

    [Theory]
    [InlineData("partition,flood")]
    [InlineData("1")]
    public void Unknown_or_unsupported_nemeses_are_refused_with_a_reason(string text)
    {
        Assert.Null(NemesisSchedule.Parse(text, out var problem));
        Assert.NotEmpty(problem);
    }
}
