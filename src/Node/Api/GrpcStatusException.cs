using RaftTower.Protocol.Grpc;

namespace RaftTower.Node.Api;

/// <summary>
/// Thrown by a handler that answers the whole call with a non-OK gRPC status instead of a response message (for
/// example a batch over its size limit); <see cref="GrpcServerCall"/> writes it as <c>grpc-status</c> and
/// <c>grpc-message</c>. The handler must throw it before it has started anything the status would deny.
/// </summary>
public sealed class GrpcStatusException : Exception
{
    /// <summary>Creates the exception for <paramref name="status"/> with <paramref name="message"/> as grpc-message.</summary>
    public GrpcStatusException(GrpcStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates an UNKNOWN status with a message.</summary>
    public GrpcStatusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an UNKNOWN status with a message and cause.</summary>
    public GrpcStatusException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates an UNKNOWN status with no details.</summary>
    public GrpcStatusException()
    {
    }

    /// <summary>The status the call ends with.</summary>
    public GrpcStatusCode Status { get; } = GrpcStatusCode.Unknown;
}
