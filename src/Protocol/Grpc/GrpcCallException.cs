namespace RaftTower.Protocol.Grpc;

/// <summary>A gRPC call that ended with a non-OK status, or could not be made at all.</summary>
public sealed class GrpcCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrpcCallException(GrpcStatusCode status, string detail, Uri? endpoint, bool mayHaveReachedServer, Exception? inner = null)
        : base(Describe(status, detail, endpoint), inner)
    {
        Status = status;
        Detail = detail;
        Endpoint = endpoint;
        MayHaveReachedServer = mayHaveReachedServer;
    }

    /// <summary>Creates an exception with only a message (for serializers and tests).</summary>
    public GrpcCallException(string message)
        : base(message)
    {
        Detail = message;
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public GrpcCallException(string message, Exception inner)
        : base(message, inner)
    {
        Detail = message;
    }

    /// <summary>Creates an exception with no details.</summary>
    public GrpcCallException()
    {
        Detail = string.Empty;
    }

    /// <summary>The gRPC status.</summary>
    public GrpcStatusCode Status { get; } = GrpcStatusCode.Unknown;

    /// <summary>The server's <c>grpc-message</c>, or what went wrong locally.</summary>
    public string Detail { get; }

    /// <summary>The endpoint that was called.</summary>
    public Uri? Endpoint { get; }

    /// <summary>
    /// False only when the request certainly never reached the server (e.g. the connection was refused), so a
    /// write can be retried elsewhere without any risk of being applied twice.
    /// </summary>
    public bool MayHaveReachedServer { get; } = true;

    private static string Describe(GrpcStatusCode status, string detail, Uri? endpoint) =>
        endpoint is null ? $"gRPC {status}: {detail}" : $"gRPC {status} from {endpoint}: {detail}";
}
