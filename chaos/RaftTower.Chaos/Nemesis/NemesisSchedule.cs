namespace RaftTower.Chaos.Nemesis;

/// <summary>
/// Turns the enabled nemesis kinds into a timed schedule: a quiet gap of 2–3 s, a fault held for 3–5 s, heal, and so
/// on, the kinds taken in turn (so a 30 s run sees each of three kinds at least once) and the variant of each drawn at
/// random. Every fault is healed before the time limit; deterministic for a seed.
/// </summary>
internal static class NemesisSchedule
{
    private static readonly TimeSpan MinimumFault = TimeSpan.FromSeconds(3);

    /// <summary>Parses <c>none</c>, <c>all</c> or a comma-separated list; null with <paramref name="problem"/> set when bad.</summary>
    public static IReadOnlyList<NemesisKind>? Parse(string text, out string problem)
    {
        problem = string.Empty;
        if (text == "none")
        {
            return [];
        }

        if (text == "all")
        {
            return Enum.GetValues<NemesisKind>();
        }

        var kinds = new List<NemesisKind>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<NemesisKind>(part, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || part.Any(char.IsDigit))
            {
                problem = $"unknown nemesis '{part}' (use none, all, or a list of partition, kill, pause, member)";
                return null;
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }

    /// <summary>The schedule for a run of <paramref name="timeLimit"/>.</summary>
    public static IReadOnlyList<NemesisStep> Generate(IReadOnlyList<NemesisKind> kinds, TimeSpan timeLimit, int seed)
    {
        var steps = new List<NemesisStep>();
        if (kinds.Count == 0)
        {
            return steps;
        }

        var random = new Random(seed);
        var at = Quiet(random);
        for (var turn = 0; at + MinimumFault < timeLimit - TimeSpan.FromSeconds(1); turn++)
        {
            var duration = TimeSpan.FromMilliseconds(random.Next(3_000, 5_001));
            var end = at + duration;
            if (end > timeLimit - TimeSpan.FromSeconds(1))
            {
                duration = timeLimit - TimeSpan.FromSeconds(1) - at;
            }

            steps.Add(new NemesisStep(at, duration, Variant(kinds[turn % kinds.Count], random)));
            at += duration + Quiet(random);
        }

        return steps;
    }

    /// <summary>The family <paramref name="fault"/> is a variant of.</summary>
    public static NemesisKind KindOf(FaultKind fault) => fault switch
    {
        <= FaultKind.PartitionBridge => NemesisKind.Partition,
        <= FaultKind.KillAll => NemesisKind.Kill,
        <= FaultKind.PauseAll => NemesisKind.Pause,
        _ => NemesisKind.Member,
    };

    private static TimeSpan Quiet(Random random) => TimeSpan.FromMilliseconds(random.Next(2_000, 3_001));

    private static FaultKind Variant(NemesisKind kind, Random random) => kind switch
    {
        NemesisKind.Partition => (FaultKind)random.Next((int)FaultKind.PartitionHalves, (int)FaultKind.PartitionBridge + 1),
        NemesisKind.Kill => (FaultKind)random.Next((int)FaultKind.KillRandom, (int)FaultKind.KillAll + 1),
        NemesisKind.Pause => (FaultKind)random.Next((int)FaultKind.PauseRandom, (int)FaultKind.PauseAll + 1),
        _ => random.Next(2) == 0 ? FaultKind.MemberRandom : FaultKind.MemberLeader,
    };
}
