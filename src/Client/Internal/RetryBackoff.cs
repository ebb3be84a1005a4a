namespace RaftTower.Client.Internal;

/// <summary>Exponential backoff with "equal jitter": half the capped exponential delay plus a random half.</summary>
/// <remarks>Jitter keeps many clients that lost the same leader from retrying in lockstep against the new one.</remarks>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(retry, 20);
        var capped = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
