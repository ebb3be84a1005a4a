using RaftTower.Chaos.Checkers;

namespace RaftTower.Chaos.Tests;

/// <summary>Assertions on verdicts that say why a check failed.</summary>
internal static class VerdictAssert
{
    public static void Invalid(Verdict verdict, string because)
    {
        Assert.Equal(VerdictOutcome.Invalid, verdict.Outcome);
        Assert.Contains(because, verdict.Explanation, StringComparison.Ordinal);
        Assert.NotEmpty(verdict.FailingSlice);
    }
}
