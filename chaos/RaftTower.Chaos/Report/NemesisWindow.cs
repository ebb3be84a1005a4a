namespace RaftTower.Chaos.Report;

/// <summary>A fault the nemesis held in place, on the history's clock (shaded on the report's timelines).</summary>
/// <param name="Start">Clock reading when the fault began.</param>
/// <param name="End">Clock reading when it was healed.</param>
/// <param name="Name">What it was: "partition majority-ring", "kill n2", ...</param>
internal sealed record NemesisWindow(long Start, long End, string Name);
