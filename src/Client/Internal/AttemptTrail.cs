using System.Diagnostics;

namespace RaftTower.Client.Internal;

/// <summary>What happened across the attempts of one call; becomes the exception's diagnostics.</summary>
internal sealed class AttemptTrail
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public int Attempts { get; set; }

    public int Redirects { get; set; }

    /// <summary>Redirects since the last backoff: bounded so two nodes naming each other cannot spin.</summary>
    public int RedirectsInARow { get; set; }

    public Uri? Endpoint { get; set; }

    public string? LeaderHint { get; set; }

    public ulong Term { get; set; }

    /// <summary>True once any attempt may have reached a node without a definite answer coming back.</summary>
    public bool MayHaveReachedNode { get; set; }

    public Exception? LastFailure { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public TowerErrorDiagnostics Diagnostics(CallInfo call, ulong clientId) => new(
        call.Operation, TowerErrors.Cut(call.Key), Endpoint, LeaderHint, Term, Elapsed, Attempts, Redirects, clientId, call.Sequence);
}
