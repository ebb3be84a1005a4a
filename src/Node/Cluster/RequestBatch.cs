using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Cluster;

/// <summary>
/// Writes and reads collected for one <see cref="ClusterNode.Submit"/>: each gets its own task, as from
/// <see cref="ClusterNode.ProposeAsync"/> and <see cref="ClusterNode.ReadAsync"/>, but the loop sees them as a single
/// event, so they land in one loop turn (one append and fsync for the writes, one ReadIndex round for the reads) in the
/// order they were added.
/// </summary>
/// <remarks>Not thread-safe: one caller fills it, then submits it once; a task stays pending until submitted.</remarks>
internal sealed class RequestBatch(int capacity)
{
    private readonly List<LoopEvent> _requests = new(capacity);

    /// <summary>The requests added so far, in order.</summary>
    public IReadOnlyList<LoopEvent> Requests => _requests;

    /// <summary>Adds an encoded write; the task completes like <see cref="ClusterNode.ProposeAsync"/>'s.</summary>
    public Task<NodeReply> Propose(byte[] command)
    {
        var reply = new TaskCompletionSource<NodeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(new ProposeEvent(command, reply));
        return reply.Task;
    }

    /// <summary>Adds a linearizable read; the task completes like <see cref="ClusterNode.ReadAsync"/>'s.</summary>
    public Task<NodeReply> Read(TowerCommand query, ulong confirmId = 0)
    {
        var reply = new TaskCompletionSource<NodeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(new ReadEvent(query, reply, confirmId));
        return reply.Task;
    }
}
