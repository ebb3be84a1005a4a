namespace RaftTower.Chaos.History;

/// <summary>A history file that breaks the format; names the offending line.</summary>
internal sealed class HistoryFormatException : Exception
{
    /// <summary>Creates the exception for a 1-based line number.</summary>
    public HistoryFormatException(int line, string message)
        : base($"history line {line}: {message}")
    {
        Line = line;
    }

    /// <summary>The 1-based line number of the bad record.</summary>
    public int Line { get; }
}
