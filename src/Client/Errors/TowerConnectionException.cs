namespace RaftTower.Client;

/// <summary>
/// No definite answer arrived: <see cref="TowerErrorCode.Unavailable"/> (certainly not applied),
/// <see cref="TowerErrorCode.Indeterminate"/> or <see cref="TowerErrorCode.SessionExpired"/> (a write may have been
/// applied: check <see cref="TowerException.MayHaveBeenApplied"/>), or <see cref="TowerErrorCode.Internal"/> when a
/// node answered something unreadable.
/// </summary>
public sealed class TowerConnectionException : TowerException
{
    /// <summary>Creates an exception with a message.</summary>
    public TowerConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public TowerConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public TowerConnectionException()
    {
    }

    internal TowerConnectionException(TowerErrorCode code, string message, TowerErrorDiagnostics? diagnostics, bool mayHaveBeenApplied, Exception? innerException)
        : base(code, message, diagnostics, mayHaveBeenApplied, innerException)
    {
    }
}
