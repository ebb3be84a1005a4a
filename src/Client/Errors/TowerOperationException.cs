namespace RaftTower.Client;

/// <summary>
/// The operation was refused (by the node, or by the client's own argument checks) and changed nothing:
/// <see cref="TowerErrorCode.WrongType"/>, <see cref="TowerErrorCode.InvalidArgument"/>, <see cref="TowerErrorCode.Overflow"/>, ...
/// Retrying the same call gives the same answer unless the data changes.
/// </summary>
public sealed class TowerOperationException : TowerException
{
    /// <summary>Creates an exception with a message.</summary>
    public TowerOperationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public TowerOperationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public TowerOperationException()
    {
    }

    internal TowerOperationException(TowerErrorCode code, string message, TowerErrorDiagnostics? diagnostics)
        : base(code, message, diagnostics, mayHaveBeenApplied: false, innerException: null)
    {
    }
}
