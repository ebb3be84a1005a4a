using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>Judges a whole history; ignores the operations it does not understand.</summary>
internal interface IChecker
{
    /// <summary>The name reported in verdicts.</summary>
    string Name { get; }

    /// <summary>True when the history holds at least one operation this checker judges.</summary>
    bool AppliesTo(IReadOnlyList<Operation> history);

    /// <summary>Checks the history. Never throws for a history the reader accepted.</summary>
    Verdict Check(IReadOnlyList<Operation> history);
}
