using System.Diagnostics;
using RaftTower.Node.Cluster;
using RaftTower.Protocol.Grpc;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Api;

/// <summary>
/// <c>rafttower.v1.Tower/Execute</c> and <c>ExecuteBatch</c>: writes go through the log with the client's session
/// header (exactly-once), reads are served by the leader after a ReadIndex round. A follower answers NOT_LEADER with
/// the leader's client URL.
/// </summary>
internal sealed class TowerService(ClusterNode node, CodecLimits limits)
{
    /// <summary>The most requests one <c>ExecuteBatch</c> call may carry (the wire contract in tower.proto).</summary>
    public const int MaxBatchRequests = 4096;

    public ValueTask<Wire.ExecuteResponse> ExecuteAsync(Wire.ExecuteRequest request, CancellationToken cancellationToken)
    {
        var started = Start(request, batch: null);
        return started.Reply is null ? ValueTask.FromResult(started.Answer!) : AwaitAsync(started, cancellationToken);

        async ValueTask<Wire.ExecuteResponse> AwaitAsync(StartedRequest started, CancellationToken cancellationToken) =>
            Finish(started, await started.Reply!.WaitAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Handles every request of the batch exactly as <see cref="ExecuteAsync"/> would, in order: they reach the loop as
    /// one event (the writes share one append and fsync, the reads one ReadIndex round) and are answered in order.
    /// </summary>
    /// <exception cref="GrpcStatusException">More than <see cref="MaxBatchRequests"/> requests; nothing was started.</exception>
    public async ValueTask<Wire.ExecuteBatchResponse> ExecuteBatchAsync(Wire.ExecuteBatchRequest request, CancellationToken cancellationToken)
    {
        var requests = request.Requests;
        if (requests.Count > MaxBatchRequests)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.InvalidArgument,
                $"a batch carries at most {MaxBatchRequests} requests, this one has {requests.Count}; nothing of it was applied");
        }

        NodeMetrics.Batch(requests.Count);
        var started = new StartedRequest[requests.Count];
        var batch = new RequestBatch(requests.Count);
        for (var i = 0; i < started.Length; i++)
        {
            started[i] = Start(requests[i], batch);
        }

        node.Submit(batch);
        var response = new Wire.ExecuteBatchResponse();
        for (var i = 0; i < started.Length; i++)
        {
            // The requests of a batch mostly complete together: only the first still pending one needs a wait.
            var reply = started[i].Reply;
            response.Responses.Add(reply is null
                ? started[i].Answer
                : Finish(started[i], await (reply.IsCompleted ? reply : reply.WaitAsync(cancellationToken)).ConfigureAwait(false)));
        }

        return response;
    }

    /// <summary>
    /// Translates and checks <paramref name="request"/>, then starts it on the loop (directly, or held in
    /// <paramref name="batch"/> until it is submitted); a request refused here is answered at once.
    /// </summary>
    private StartedRequest Start(Wire.ExecuteRequest request, RequestBatch? batch)
    {
        var started = Stopwatch.GetTimestamp();
        TowerCommand command;
        byte[]? write = null;
        try
        {
            command = RequestTranslator.Translate(request);
            if (OperationInfo.IsWrite(command.Op))
            {
                var header = request.Header ?? new Wire.RequestHeader();
                write = CommandCodec.EncodeWrite(new CommandEnvelope(header.ClientId, header.Sequence, header.AckedBelow, command));

                // Refuse what the state machine would refuse before it takes a place in everyone's log: checked on the
                // command itself where that settles it, else by decoding what was just encoded.
                if (!CommandLimits.KnownValid(command, limits))
                {
                    CommandCodec.DecodeWrite(write, limits);
                }
            }
            else if (!CommandLimits.KnownValid(command, limits))
            {
                CommandCodec.DecodeQuery(CommandCodec.EncodeQuery(command), limits);
            }
        }
        catch (Exception e) when (e is RequestException or CommandFormatException or ArgumentException)
        {
            NodeMetrics.Request("invalid", "invalid_argument", Stopwatch.GetElapsedTime(started));
            return new StartedRequest(started, default, IsWrite: false, Reply: null, ResultTranslator.Error(Wire.ErrorCode.InvalidArgument, e.Message));
        }

        var reply = (write, batch) switch
        {
            (null, null) => node.ReadAsync(command, request.ReadConfirm),
            (null, _) => batch.Read(command, request.ReadConfirm),
            (_, null) => node.ProposeAsync(write),
            _ => batch.Propose(write),
        };
        return new StartedRequest(started, command.Op, write is not null, reply, Answer: null);
    }

    /// <summary>
    /// <c>rafttower.v1.Tower/ConfirmRead</c>: passes a client's read confirmation to this node's leader when it follows
    /// one. Answered at once; it never waits for the leader.
    /// </summary>
    public ValueTask<Wire.ConfirmReadResponse> ConfirmReadAsync(Wire.ConfirmReadRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Wire.ConfirmReadResponse { Forwarded = node.ConfirmRead(request.ReadId) });

    private Wire.ExecuteResponse Finish(in StartedRequest started, NodeReply reply)
    {
        NodeMetrics.Request(started.IsWrite ? "write" : "read", reply.Status.ToString(), Stopwatch.GetElapsedTime(started.Timestamp));
        return reply.Status switch
        {
            NodeReplyStatus.Ok => ResultTranslator.Translate(started.Op, ResultCodec.Decode(reply.Result)),
            NodeReplyStatus.NotLeader => ResultTranslator.Error(
                Wire.ErrorCode.NotLeader,
                reply.LeaderId == 0 ? "this node is not the leader and no leader is known yet" : $"node {reply.LeaderId} is the leader",
                node.ClientUrlOf(reply.LeaderId),
                reply.Term),
            _ => ResultTranslator.Error(Wire.ErrorCode.Unavailable, reply.Reason ?? "unavailable", node.ClientUrlOf(reply.LeaderId), reply.Term),
        };
    }

    /// <summary>A request on its way: either answered already (<see cref="Answer"/>) or waiting for the loop (<see cref="Reply"/>).</summary>
    private readonly record struct StartedRequest(long Timestamp, OpCode Op, bool IsWrite, Task<NodeReply>? Reply, Wire.ExecuteResponse? Answer);
}
