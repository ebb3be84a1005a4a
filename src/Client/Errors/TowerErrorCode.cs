namespace RaftTower.Client;

/// <summary>Why a RaftTower operation failed. <c>docs/errors.md</c> says, for each, whether a write may have been applied.</summary>
public enum TowerErrorCode
{
    /// <summary>The key holds a value of another type. Nothing changed.</summary>
    WrongType = 1,

    /// <summary>An argument was rejected (by the client before sending, or by the node). Nothing changed.</summary>
    InvalidArgument = 2,

    /// <summary>Integer, big integer, decimal or float division or modulo by zero. Nothing changed.</summary>
    DivideByZero = 3,

    /// <summary>64-bit integer arithmetic overflowed. Nothing changed.</summary>
    Overflow = 4,

    /// <summary>An index or position is outside the collection (e.g. <c>ListSetAsync</c> past the end). Nothing changed.</summary>
    OutOfRange = 5,

    /// <summary>The key or member already exists where the operation requires it not to. Nothing changed.</summary>
    AlreadyExists = 6,

    /// <summary>The key, member or cluster member does not exist where the operation requires it. Nothing changed.</summary>
    NotFound = 7,

    /// <summary>
    /// No node could serve the request before the deadline (refused connections, no leader, no quorum), and no
    /// attempt of a write may have reached a node: the write was certainly not applied; retrying is safe.
    /// </summary>
    Unavailable = 9,

    /// <summary>
    /// A write may or may not have been applied: an attempt may have reached a node but no definite answer arrived
    /// before the deadline. Read the state back before deciding to retry.
    /// </summary>
    Indeterminate = 10,

    /// <summary>
    /// The node no longer keeps this client's session for the request's sequence, so it cannot tell whether an earlier
    /// attempt was applied. Treat like <see cref="Indeterminate"/>.
    /// </summary>
    SessionExpired = 11,

    /// <summary>The node failed unexpectedly or answered something this client does not understand (version mismatch).</summary>
    Internal = 12,
}
