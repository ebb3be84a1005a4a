using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using RaftTower.Protocol.Grpc;

namespace RaftTower.Node.Api;

/// <summary>
/// Server side of one unary gRPC call on Kestrel: reads the single length-prefixed request within the size limit,
/// applies the <c>grpc-timeout</c> deadline, runs the handler and writes the reply with <c>grpc-status</c> trailers.
/// Every failure becomes a gRPC status; nothing escapes to Kestrel (which would answer 500/RST_STREAM). A handler
/// answers a status of its own choosing by throwing <see cref="GrpcStatusException"/>.
/// </summary>
internal static class GrpcServerCall
{
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Handles <paramref name="context"/> as a unary call of <typeparamref name="TRequest"/>.</summary>
    public static async Task HandleAsync<TRequest, TResponse>(
        HttpContext context,
        MessageParser<TRequest> parser,
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler,
        int maxMessageSize)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var response = context.Response;
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith(GrpcFrame.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (context.Request.Headers.TryGetValue(GrpcTimeout.HeaderName, out var timeoutHeader))
        {
            if (!GrpcTimeout.TryParse(timeoutHeader.ToString(), out var timeout))
            {
                WriteTrailersOnly(response, GrpcStatusCode.InvalidArgument, $"malformed grpc-timeout '{timeoutHeader}'");
                return;
            }

            // grpc-timeout allows up to 99999999H; a timer holds at most ~49.7 days, and anything longer is no
            // deadline in practice (CancelAfter would throw, and the client would see HTTP 500 / UNKNOWN).
            if (timeout < LongestTimer)
            {
                deadline.CancelAfter(timeout);
            }
        }

        try
        {
            var (status, request, error) = await ReadRequestAsync(context.Request, parser, maxMessageSize, deadline.Token).ConfigureAwait(false);
            if (status != GrpcStatusCode.Ok)
            {
                WriteTrailersOnly(response, status, error);
                return;
            }

            var reply = await handler(request!, deadline.Token).ConfigureAwait(false);
            response.ContentType = GrpcFrame.ContentType;
            GrpcFrame.Write(response.BodyWriter, reply);
            response.AppendTrailer(GrpcStatusMessage.StatusHeader, "0");
        }
        catch (GrpcStatusException e)
        {
            WriteStatus(response, e.Status, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream (cancel or its own deadline): nobody is listening for a status.
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            WriteStatus(response, GrpcStatusCode.DeadlineExceeded, "deadline exceeded before the node answered; the operation may or may not have been applied");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WriteStatus(response, GrpcStatusCode.Internal, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Answers a call to a method this node does not serve.</summary>
    public static Task UnimplementedAsync(HttpContext context)
    {
        WriteTrailersOnly(context.Response, GrpcStatusCode.Unimplemented, $"unknown method {context.Request.Path}");
        return Task.CompletedTask;
    }

    private static async Task<(GrpcStatusCode Status, TRequest? Request, string Error)> ReadRequestAsync<TRequest>(
        HttpRequest request, MessageParser<TRequest> parser, int maxMessageSize, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var header = GrpcFrame.TryReadHeader(buffer, maxMessageSize, out var length);
            switch (header)
            {
                case FrameHeaderStatus.TooLarge:
                    return (GrpcStatusCode.ResourceExhausted, default, $"request message of {length} bytes exceeds the limit of {maxMessageSize}");
                case FrameHeaderStatus.Compressed:
                    return (GrpcStatusCode.Unimplemented, default, "compressed messages are not supported (send grpc-encoding identity)");
                case FrameHeaderStatus.InvalidFlag:
                    return (GrpcStatusCode.InvalidArgument, default, "invalid message prefix flag");
                case FrameHeaderStatus.Ok when buffer.Length > GrpcFrame.HeaderSize + (long)length:
                    return (GrpcStatusCode.InvalidArgument, default, "a unary call carries exactly one message");
                case FrameHeaderStatus.Ok when buffer.Length == GrpcFrame.HeaderSize + (long)length && read.IsCompleted:
                    return Parse(parser, buffer.Slice(GrpcFrame.HeaderSize));
                case FrameHeaderStatus.Ok or FrameHeaderStatus.Incomplete when read.IsCompleted:
                    return (GrpcStatusCode.InvalidArgument, default, $"truncated request: {buffer.Length} bytes received");
                default:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private static (GrpcStatusCode, TRequest?, string) Parse<TRequest>(MessageParser<TRequest> parser, ReadOnlySequence<byte> payload)
        where TRequest : IMessage<TRequest>
    {
        try
        {
            return (GrpcStatusCode.Ok, parser.ParseFrom(payload), string.Empty);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (GrpcStatusCode.InvalidArgument, default, $"invalid protobuf: {e.Message}");
        }
    }

    private static void WriteTrailersOnly(HttpResponse response, GrpcStatusCode status, string message)
    {
        response.ContentType = GrpcFrame.ContentType;
        response.Headers[GrpcStatusMessage.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcStatusMessage.MessageHeader] = GrpcStatusMessage.Encode(message);
    }

    private static void WriteStatus(HttpResponse response, GrpcStatusCode status, string message)
    {
        if (!response.HasStarted)
        {
            WriteTrailersOnly(response, status, message);
            return;
        }

        response.AppendTrailer(GrpcStatusMessage.StatusHeader, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.AppendTrailer(GrpcStatusMessage.MessageHeader, GrpcStatusMessage.Encode(message));
    }
}
