namespace RaftTower.Chaos.Workloads;

/// <summary>Retries a final read (each attempt recorded) until it succeeds, for at most 30 s.</summary>
internal static class FinalRead
{
    public static async Task<bool> RetryAsync(Func<Task<bool>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await read().ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return false;
    }
}
