namespace RaftTower.StateMachine.Codec;

/// <summary>Bytes that are not a valid command, query or result: the one error every decoder throws.</summary>
/// <remarks>A node receiving such bytes from a client answers InvalidArgument and stays up.</remarks>
public sealed class CommandFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CommandFormatException()
        : this(0, "Malformed input.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandFormatException(string message)
        : this(0, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the exception for a problem found at <paramref name="offset"/>.</summary>
    public CommandFormatException(int offset, string reason)
        : base($"Malformed input at byte {offset}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The byte offset where decoding failed.</summary>
    public int Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Reason { get; } = string.Empty;
}
