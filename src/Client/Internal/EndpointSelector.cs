namespace RaftTower.Client.Internal;

/// <summary>
/// Which node to send the next attempt to: the known leader if any, else the configured endpoints in turn.
/// </summary>
/// <remarks>
/// Thread-safe and lock-free: a stale choice costs at most one redirect. The leader comes from NOT_LEADER's
/// leader_hint or from Cluster.Status, and is forgotten when it fails.
/// </remarks>
internal sealed class EndpointSelector
{
    private readonly Uri[] _endpoints;
    private int _cursor;
    private Uri? _leader;

    public EndpointSelector(IReadOnlyList<Uri> endpoints)
    {
        _endpoints = [.. endpoints];
    }

    public IReadOnlyList<Uri> Endpoints => _endpoints;

    /// <summary>The leader last learned, or null.</summary>
    public Uri? Leader => Volatile.Read(ref _leader);

    /// <summary>Where the next attempt goes.</summary>
    public Uri Current => Volatile.Read(ref _leader) ?? _endpoints[(int)((uint)Volatile.Read(ref _cursor) % (uint)_endpoints.Length)];

    /// <summary>Follows a leader hint; returns false when it is not an absolute http(s) URL.</summary>
    public bool TryFollow(string? hint, out Uri leader)
    {
        leader = null!;
        if (!EndpointParser.TryParse(hint, out var parsed))
        {
            return false;
        }

        leader = parsed;
        Volatile.Write(ref _leader, parsed);
        return true;
    }

    /// <summary>
    /// <paramref name="endpoint"/> served a read or a write: only the leader does (followers answer NOT_LEADER), so while
    /// no leader is known it becomes the known leader — it was reached by going through the endpoints in turn. A known
    /// leader is kept: an answer sent by a leader that has since stepped down can arrive after a fresher NOT_LEADER
    /// hint, and must not send the next calls back to it.
    /// </summary>
    public void Served(Uri endpoint)
    {
        if (Volatile.Read(ref _leader) is null)
        {
            Interlocked.CompareExchange(ref _leader, endpoint, null);
        }
    }

    /// <summary><paramref name="failed"/> did not serve the request: forget it as leader and move to the next endpoint.</summary>
    public void MoveAwayFrom(Uri failed)
    {
        Interlocked.CompareExchange(ref _leader, null, failed);
        var cursor = Volatile.Read(ref _cursor);
        if (_endpoints[(int)((uint)cursor % (uint)_endpoints.Length)] == failed)
        {
            Interlocked.CompareExchange(ref _cursor, cursor + 1, cursor);
        }
    }
}
