using System.Diagnostics.Metrics;

namespace RaftTower.Client.Internal;

/// <summary>The client's instruments on the meter <c>RaftTower.Client</c>.</summary>
internal static class ClientMetrics
{
    public const string MeterName = "RaftTower.Client";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Calls made, tagged with <c>outcome</c> (ok, error, no-answer, cancelled).</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("rafttower.client.requests", "{request}", "Operations called on TowerClient");

    /// <summary>Extra attempts after a connection failure, an UNAVAILABLE answer or a lost answer.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("rafttower.client.retries", "{attempt}", "Attempts retried after a failure");

    /// <summary>NOT_LEADER answers followed to the hinted leader.</summary>
    public static readonly Counter<long> Redirects = Meter.CreateCounter<long>("rafttower.client.redirects", "{redirect}", "NOT_LEADER redirects followed");

    /// <summary>
    /// <c>Tower/ConfirmRead</c> calls sent, one per linearizable read that went alone to the known leader with a
    /// follower's confirmation (<see cref="TowerClientOptions.ConfirmReadsThroughFollower"/>); whether it arrived in
    /// time is not counted.
    /// </summary>
    public static readonly Counter<long> ReadConfirms = Meter.CreateCounter<long>(
        "rafttower.client.read.confirms", "{call}", "ConfirmRead calls sent to a follower for lone linearizable reads");

    /// <summary>
    /// Operations per <c>Tower/ExecuteBatch</c> call, one record per such call (its count is the number of batch calls,
    /// its sum the operations coalesced into them). Operations sent as their own Execute call are not recorded.
    /// </summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "rafttower.client.batch.size", "{operation}", "Operations coalesced into one ExecuteBatch call");

    /// <summary>Time from call to outcome, retries included.</summary>
    public static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("rafttower.client.request.duration", "ms", "Operation latency including retries");
}
