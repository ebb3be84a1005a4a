namespace RaftTower.Node.Peers;

/// <summary>A peer sent bytes that are not a valid frame or message; the connection is closed, the node keeps running.</summary>
public sealed class PeerProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PeerProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public PeerProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public PeerProtocolException()
    {
    }
}
