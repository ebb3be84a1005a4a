namespace RaftTower.Client.Internal;

/// <summary>One logical operation, the same across all of its attempts.</summary>
/// <param name="Operation">The public method name, for diagnostics.</param>
/// <param name="Key">The key, for diagnostics.</param>
/// <param name="IsWrite">Whether an unanswered attempt may have changed state (decides Indeterminate vs Unavailable).</param>
/// <param name="Sequence">The exactly-once sequence (0 when the call carries no session).</param>
internal readonly record struct CallInfo(string Operation, string? Key, bool IsWrite, ulong Sequence);
