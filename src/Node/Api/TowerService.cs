using System.Diagnostics;
using RaftTower.Node.Cluster;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Api;

/// <summary>
/// <c>rafttower.v1.Tower/Execute</c>: writes go through the log with the client's session header (exactly-once),
/// reads are served by the leader after a ReadIndex round. A follower answers NOT_LEADER with the leader's client URL.
/// </summary>
internal sealed class TowerService(ClusterNode node, CodecLimits limits)
{
    public async ValueTask<Wire.ExecuteResponse> ExecuteAsync(Wire.ExecuteRequest request, CancellationToken cancellationToken)
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
            return ResultTranslator.Error(Wire.ErrorCode.InvalidArgument, e.Message);
        }

        var reply = write is null
            ? await node.ReadAsync(command).WaitAsync(cancellationToken).ConfigureAwait(false)
            : await node.ProposeAsync(write).WaitAsync(cancellationToken).ConfigureAwait(false);
        var kind = write is null ? "read" : "write";
        NodeMetrics.Request(kind, reply.Status.ToString(), Stopwatch.GetElapsedTime(started));
        return reply.Status switch
        {
            NodeReplyStatus.Ok => ResultTranslator.Translate(command.Op, ResultCodec.Decode(reply.Result)),
            NodeReplyStatus.NotLeader => ResultTranslator.Error(
                Wire.ErrorCode.NotLeader,
                reply.LeaderId == 0 ? "this node is not the leader and no leader is known yet" : $"node {reply.LeaderId} is the leader",
                node.ClientUrlOf(reply.LeaderId),
                reply.Term),
            _ => ResultTranslator.Error(Wire.ErrorCode.Unavailable, reply.Reason ?? "unavailable", node.ClientUrlOf(reply.LeaderId), reply.Term),
        };
    }
}
