namespace RaftTower.Chaos.Nemesis;

/// <summary>
/// The member nemesis' steps, one membership change at a time: take a node out of the configuration, and later put
/// it back as a voter whatever happened meanwhile. A call may end indeterminate (the leader changed, a timeout), so
/// every attempt starts from the configuration the leader reports, never from what the previous call seemed to do;
/// <see cref="MembershipOutcome.AlreadyExists"/> and <see cref="MembershipOutcome.NotFound"/> are final answers.
/// </summary>
/// <param name="admin">The membership calls.</param>
/// <param name="maxAttempts">Bound on the rounds of each step (status, then a call).</param>
/// <param name="retryDelay">Pause between rounds.</param>
internal sealed class MemberChange(IMembershipAdmin admin, int maxAttempts, TimeSpan retryDelay)
{
    private readonly List<string> _trail = [];

    /// <summary>Rounds used by the last step (for the log).</summary>
    public int Attempts { get; private set; }

    /// <summary>What the last step saw and did, repeats collapsed ("Voter" once, "Absent Add:Uncertain ×3"), for the log.</summary>
    public string Trail => string.Join(", ", _trail);

    private T Note<T>(T seen)
        where T : struct, Enum
    {
        var text = seen.ToString();
        if (_trail.Count > 0 && _trail[^1].Split(' ')[0] == text)
        {
            var last = _trail[^1].Split(" ×");
            _trail[^1] = $"{text} ×{(last.Length > 1 ? int.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture) : 1) + 1}";
        }
        else
        {
            _trail.Add(text);
        }

        return seen;
    }

    /// <summary>Removes <paramref name="id"/>; true once the leader reports it absent, false if the rounds ran out.</summary>
    public async Task<bool> RemoveAsync(ulong id, CancellationToken cancellationToken)
    {
        _trail.Clear();
        for (Attempts = 1; Attempts <= maxAttempts; Attempts++)
        {
            var state = Note(await admin.StateOfAsync(id, cancellationToken).ConfigureAwait(false));
            if (state == MemberState.Absent)
            {
                return true;
            }

            if (state != MemberState.Unknown
                && Note(await admin.RemoveAsync(id, cancellationToken).ConfigureAwait(false)) is MembershipOutcome.Done or MembershipOutcome.NotFound)
            {
                return true;
            }

            await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Brings <paramref name="id"/> back as a voter; true once the leader reports it a voter, false if the rounds ran out.</summary>
    public async Task<bool> RestoreAsync(ulong id, CancellationToken cancellationToken)
    {
        _trail.Clear();
        for (Attempts = 1; Attempts <= maxAttempts; Attempts++)
        {
            switch (Note(await admin.StateOfAsync(id, cancellationToken).ConfigureAwait(false)))
            {
                case MemberState.Voter:
                    return true;
                case MemberState.Learner:
                    // Added, but the promotion did not happen (or its answer was lost): promote, then look again.
                    Note(await admin.PromoteAsync(id, cancellationToken).ConfigureAwait(false));
                    break;
                case MemberState.Absent:
                    // Done or AlreadyExists: the next round's status says at once whether it is a voter yet.
                    if (Note(await admin.AddAsync(id, cancellationToken).ConfigureAwait(false)) is MembershipOutcome.Done or MembershipOutcome.AlreadyExists)
                    {
                        continue;
                    }

                    break;
            }

            await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
