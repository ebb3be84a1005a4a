using Microsoft.AspNetCore.Http;
using RaftTower.Node.Api;
using RaftTower.Protocol.Grpc;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Tests;

public class GrpcServerCallTests
{
    [Fact]
    public async Task A_handler_throwing_GrpcStatusException_answers_that_status_and_message_trailers_only()
    {
        var context = Call(new Wire.ExecuteBatchRequest { Requests = { new Wire.ExecuteRequest() } });
        var handlerRan = false;

        await GrpcServerCall.HandleAsync<Wire.ExecuteBatchRequest, Wire.ExecuteBatchResponse>(
            context,
            Wire.ExecuteBatchRequest.Parser,
            (request, _) =>
            {
                handlerRan = true;
                Assert.Single(request.Requests);
                throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "too many requests: 5000 > 4096");
            },
            maxMessageSize: 1 << 20);

        Assert.True(handlerRan);
        Assert.Equal("3", context.Response.Headers[GrpcStatusMessage.StatusHeader].ToString());
        Assert.Equal("too many requests: 5000 > 4096", GrpcStatusMessage.Decode(context.Response.Headers[GrpcStatusMessage.MessageHeader].ToString()));
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task Any_other_handler_exception_stays_an_internal_status()
    {
        var context = Call(new Wire.ExecuteBatchRequest());

        await GrpcServerCall.HandleAsync<Wire.ExecuteBatchRequest, Wire.ExecuteBatchResponse>(
            context,
            Wire.ExecuteBatchRequest.Parser,
            (_, _) => throw new InvalidOperationException("broken"),
            maxMessageSize: 1 << 20);

        Assert.Equal(((int)GrpcStatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers[GrpcStatusMessage.StatusHeader].ToString());
        Assert.Contains("broken", GrpcStatusMessage.Decode(context.Response.Headers[GrpcStatusMessage.MessageHeader].ToString()), StringComparison.Ordinal);
    }

    private static DefaultHttpContext Call(Google.Protobuf.IMessage request)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = GrpcFrame.ContentType;
        context.Request.Body = new MemoryStream(GrpcFrame.ToArray(request));
        context.Response.Body = new MemoryStream();
        return context;
    }
}
