namespace RaftTower.Chaos.Nemesis;

/// <summary>A fault applied <paramref name="Start"/> after the workload began and healed <paramref name="Duration"/> later.</summary>
internal sealed record NemesisStep(TimeSpan Start, TimeSpan Duration, FaultKind Fault)
{
    /// <summary>When the fault is healed.</summary>
    public TimeSpan End => Start + Duration;
}
