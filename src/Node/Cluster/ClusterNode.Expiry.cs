using RaftTower.Raft.Core;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Cluster;

/// <summary>
/// TTL expiry driven by the leader through the log (SPEC §4): the leader looks up due keys in the expiry index and
/// proposes one batched deletion; every replica applies it at the same log position. A new leader simply continues.
/// </summary>
internal sealed partial class ClusterNode
{
    private const int ExpiryBatch = 1_000;
    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromMilliseconds(250);
    private long _expiryInFlightIndex;

    private async Task RunExpirerAsync()
    {
        using var timer = new PeriodicTimer(ExpiryInterval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            Post(ExpiryEvent.Instance);
        }
    }

    private void ProposeDueExpirations()
    {
        // One batch at a time: the next lookup waits until the previous deletion is applied, so it never repeats keys.
        if (_raft.Role != RaftRole.Leader || _expiryInFlightIndex > _applied || StoreHeldBySnapshot)
        {
            return;
        }

        var now = Math.Max(DateTime.UtcNow.Ticks, _lastAppliedTimestamp);
        var due = _stateMachine.GetDueExpirations(now, ExpiryBatch);
        if (due.Count == 0)
        {
            return;
        }

        var command = CommandCodec.EncodeWrite(new CommandEnvelope(0, 0, 0, new TowerCommand(OpCode.ExpireKeys, [], Expirations: due)));
        var result = _raft.Propose(command, now);
        if (result.IsAccepted)
        {
            _expiryInFlightIndex = result.Index;
        }
    }
}
