namespace RaftTower.Cli;

/// <summary>The process exit codes of <c>rafttower</c>; scripts can tell "refused" from "unknown outcome".</summary>
internal enum ExitCode
{
    /// <summary>The operation succeeded.</summary>
    Ok = 0,

    /// <summary>The cluster refused the operation (WrongType, Overflow, NotFound, ...): nothing changed.</summary>
    Refused = 1,

    /// <summary>Bad command line: unknown command, missing or malformed argument, bad endpoint.</summary>
    Usage = 2,

    /// <summary>No node answered in time; a write was certainly not applied.</summary>
    Unavailable = 3,

    /// <summary>A write may or may not have been applied (Indeterminate, SessionExpired).</summary>
    Indeterminate = 4,

    /// <summary>The node failed or answered something this CLI cannot read.</summary>
    Internal = 5,

    /// <summary>Interrupted (Ctrl+C).</summary>
    Cancelled = 130,
}
