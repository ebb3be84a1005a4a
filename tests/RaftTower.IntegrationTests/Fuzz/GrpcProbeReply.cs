using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>What the client port answered to one probe.</summary>
/// <param name="HttpStatus">The HTTP status (200 for every gRPC answer, errors included).</param>
/// <param name="GrpcStatus">The <c>grpc-status</c>, from a trailers-only answer or the trailers; null when absent.</param>
/// <param name="GrpcMessage">The decoded <c>grpc-message</c>.</param>
/// <param name="Body">The response body (prefix + message on success, empty on errors).</param>
internal sealed record GrpcProbeReply(int HttpStatus, GrpcStatusCode? GrpcStatus, string GrpcMessage, byte[] Body)
{
    /// <summary>The one ExecuteResponse of a successful call; fails the test on any other framing.</summary>
    public ExecuteResponse ParseExecuteResponse() => Parse(ExecuteResponse.Parser);

    /// <summary>The one ExecuteBatchResponse of a successful call; fails the test on any other framing.</summary>
    public ExecuteBatchResponse ParseExecuteBatchResponse() => Parse(ExecuteBatchResponse.Parser);

    private T Parse<T>(Google.Protobuf.MessageParser<T> parser)
        where T : Google.Protobuf.IMessage<T>
    {
        Assert.True(Body.Length >= GrpcFrame.HeaderSize, $"an OK answer must carry one message: {this}");
        var header = GrpcFrame.TryReadHeader(new System.Buffers.ReadOnlySequence<byte>(Body), int.MaxValue, out var length);
        Assert.Equal(FrameHeaderStatus.Ok, header);
        Assert.Equal(GrpcFrame.HeaderSize + length, Body.Length);
        return parser.ParseFrom(Body.AsSpan(GrpcFrame.HeaderSize));
    }

    /// <inheritdoc />
    public override string ToString() => $"HTTP {HttpStatus}, grpc-status {GrpcStatus?.ToString() ?? "absent"} \"{GrpcMessage}\", {Body.Length} body bytes";
}
