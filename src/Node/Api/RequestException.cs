namespace RaftTower.Node.Api;

/// <summary>A client request that cannot be turned into a command; answered with InvalidArgument, nothing applied.</summary>
public sealed class RequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public RequestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public RequestException()
    {
    }
}
