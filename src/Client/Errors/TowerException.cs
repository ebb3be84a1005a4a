namespace RaftTower.Client;

/// <summary>
/// A RaftTower operation failed. <see cref="Code"/> says why, <see cref="MayHaveBeenApplied"/> whether a write
/// could have taken effect, and <see cref="Diagnostics"/> what the client saw (also appended to the message).
/// </summary>
/// <remarks>
/// Subtypes split the two questions a caller asks: <see cref="TowerOperationException"/> (the cluster answered and
/// refused: nothing changed) and <see cref="TowerConnectionException"/> (no definite answer).
/// </remarks>
public class TowerException : Exception
{
    /// <summary>Creates an exception with a message; the code is <see cref="TowerErrorCode.Internal"/>.</summary>
    public TowerException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and cause; the code is <see cref="TowerErrorCode.Internal"/>.</summary>
    public TowerException(string message, Exception? innerException)
        : this(TowerErrorCode.Internal, message, null, mayHaveBeenApplied: false, innerException)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public TowerException()
        : this("a RaftTower operation failed")
    {
    }

    internal TowerException(TowerErrorCode code, string message, TowerErrorDiagnostics? diagnostics, bool mayHaveBeenApplied, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
        Diagnostics = diagnostics;
        MayHaveBeenApplied = mayHaveBeenApplied;
    }

    /// <summary>Why the operation failed.</summary>
    public TowerErrorCode Code { get; }

    /// <summary>True when a write may have been applied even though this exception was thrown.</summary>
    public bool MayHaveBeenApplied { get; }

    /// <summary>What the client saw (endpoint, leader hint, term, elapsed, attempts); null for exceptions built by callers.</summary>
    public TowerErrorDiagnostics? Diagnostics { get; }
}
