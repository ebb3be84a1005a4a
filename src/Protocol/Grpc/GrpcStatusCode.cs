namespace RaftTower.Protocol.Grpc;

/// <summary>The gRPC status codes (grpc/doc/statuscodes.md), carried in the <c>grpc-status</c> trailer.</summary>
public enum GrpcStatusCode
{
    /// <summary>Not an error.</summary>
    Ok = 0,

    /// <summary>The call was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error, e.g. an unexpected HTTP status.</summary>
    Unknown = 2,

    /// <summary>The request is malformed (invalid protobuf, missing fields).</summary>
    InvalidArgument = 3,

    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>Some requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity a client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller lacks permission.</summary>
    PermissionDenied = 7,

    /// <summary>A resource (e.g. message size) is exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted (concurrency conflict).</summary>
    Aborted = 10,

    /// <summary>Operated past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The method is not implemented or not known.</summary>
    Unimplemented = 12,

    /// <summary>An invariant of the server is broken.</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable; retrying may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss.</summary>
    DataLoss = 15,

    /// <summary>The request lacks valid authentication.</summary>
    Unauthenticated = 16,
}
