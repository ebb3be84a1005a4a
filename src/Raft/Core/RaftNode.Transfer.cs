namespace RaftTower.Raft.Core;

/// <summary>
/// Leadership transfer (thesis §3.10): catch the target up, send it TimeoutNow so it campaigns at once, refuse
/// proposals meanwhile, and give up after an election timeout.
/// </summary>
public sealed partial class RaftNode
{
    private ulong _leadTransferee;
    private int _transferElapsed;

    /// <summary>Starts handing leadership to the voter <paramref name="target"/>.</summary>
    public TransferStatus TransferLeadership(ulong target)
    {
        if (_role != RaftRole.Leader)
        {
            return TransferStatus.NotLeader;
        }

        if (target == Id)
        {
            return TransferStatus.AlreadyLeader;
        }

        if (!_config.Voters.Contains(target) || !_progress.TryGetValue(target, out var progress))
        {
            return TransferStatus.NotVoter;
        }

        if (_leadTransferee == target)
        {
            return TransferStatus.Started;
        }

        _leadTransferee = target;
        _transferElapsed = 0;
        if (progress.Match == _log.LastIndex)
        {
            SendTimeoutNow(target);
        }
        else
        {
            SendAppend(target);
        }

        return TransferStatus.Started;
    }

    private void SendTimeoutNow(ulong to) => Send(new Message(MessageType.TimeoutNow, Id, to, _term));

    private void AbortTransfer()
    {
        _leadTransferee = 0;
        _transferElapsed = 0;
    }

    private void HandleTimeoutNow()
    {
        if (!Promotable)
        {
            return;
        }

        // The leader vouches that our log is up to date: skip pre-vote and ask voters to ignore their lease.
        StartElection(preVote: false, transfer: true);
    }
}
