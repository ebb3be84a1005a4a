using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace RaftTower.Protocol.Grpc;

/// <summary>
/// Unary gRPC calls over HTTP/2 cleartext (h2c) with <see cref="HttpClient"/>, without the gRPC runtime packages.
/// Used by the RaftTower client and by the benchmark's etcd driver.
/// </summary>
/// <remarks>Thread-safe: one instance serves any number of concurrent calls to any number of endpoints.</remarks>
public sealed class GrpcChannel : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcFrame.ContentType);
    private const int MaxCachedUris = 1024;
    private readonly HttpClient _http;
    private readonly int _maxReceiveMessageSize;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Uri Endpoint, string Method), Uri> _requestUris = new();

    /// <summary>Creates a channel with its own connection pool.</summary>
    /// <param name="maxReceiveMessageSize">Largest response message accepted (default 64 MiB).</param>
    /// <param name="handler">The HTTP handler; by default a <see cref="SocketsHttpHandler"/> tuned for h2c.</param>
    public GrpcChannel(int maxReceiveMessageSize = 64 << 20, HttpMessageHandler? handler = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReceiveMessageSize);
        _maxReceiveMessageSize = maxReceiveMessageSize;
        _http = new HttpClient(handler ?? CreateDefaultHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Calls <paramref name="method"/> (e.g. <c>/rafttower.v1.Tower/Execute</c>) at <paramref name="endpoint"/>.
    /// </summary>
    /// <exception cref="GrpcCallException">Any non-OK status, transport failure or deadline.</exception>
    public async Task<TResponse> CallAsync<TResponse>(
        Uri endpoint,
        string method,
        IMessage request,
        MessageParser<TResponse> parser,
        TimeSpan? deadline,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parser);

        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (deadline is { } limit)
        {
            deadlineSource.CancelAfter(limit);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, RequestUri(endpoint, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFrame.ToArray(request)),
        };
        message.Content.Headers.ContentType = GrpcContentType;
        message.Headers.TryAddWithoutValidation("TE", "trailers");
        if (deadline is { } timeout)
        {
            message.Headers.TryAddWithoutValidation(GrpcTimeout.HeaderName, GrpcTimeout.Format(timeout));
        }

        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadlineSource.Token)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadlineSource.Token).ConfigureAwait(false);
            return Decode(endpoint, response, body, parser);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrpcCallException(GrpcStatusCode.DeadlineExceeded, $"no answer within {deadline}", endpoint, mayHaveReachedServer: true, e);
        }
        catch (OperationCanceledException e)
        {
            throw new GrpcCallException(GrpcStatusCode.Cancelled, "cancelled by the caller", endpoint, mayHaveReachedServer: true, e);
        }
        catch (HttpRequestException e)
        {
            // A refused or failed connection attempt never carried the request; anything later may have.
            var reached = e.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError);
            throw new GrpcCallException(GrpcStatusCode.Unavailable, e.Message, endpoint, reached, e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private TResponse Decode<TResponse>(Uri endpoint, HttpResponseMessage response, byte[] body, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new GrpcCallException(
                GrpcStatusMessage.FromHttpStatus((int)response.StatusCode),
                $"HTTP status {(int)response.StatusCode}",
                endpoint,
                mayHaveReachedServer: true);
        }

        // A trailers-only answer carries the status in the headers; otherwise it is in the trailers.
        var status = ReadStatus(response.Headers) ?? ReadStatus(response.TrailingHeaders);
        if (status is null)
        {
            throw new GrpcCallException(GrpcStatusCode.Internal, "the response carried no grpc-status", endpoint, mayHaveReachedServer: true);
        }

        if (status.Value.Code != GrpcStatusCode.Ok)
        {
            throw new GrpcCallException(status.Value.Code, status.Value.Message, endpoint, mayHaveReachedServer: true);
        }

        var sequence = new System.Buffers.ReadOnlySequence<byte>(body);
        var header = GrpcFrame.TryReadHeader(sequence, _maxReceiveMessageSize, out var length);
        if (header != FrameHeaderStatus.Ok || body.Length != GrpcFrame.HeaderSize + length)
        {
            throw new GrpcCallException(
                GrpcStatusCode.Internal,
                $"malformed response body ({header}, {body.Length} bytes for a declared message of {length})",
                endpoint,
                mayHaveReachedServer: true);
        }

        return parser.ParseFrom(body.AsSpan(GrpcFrame.HeaderSize, length));
    }

    private static (GrpcStatusCode Code, string Message)? ReadStatus(HttpHeaders headers)
    {
        // The non-validated view reads the raw values as received: no parsing into typed header values, and none of
        // the lock HttpHeaders takes to do that (it showed up as contention with hundreds of calls in flight).
        var raw = headers.NonValidated;
        if (!raw.TryGetValues(GrpcStatusMessage.StatusHeader, out var values))
        {
            return null;
        }

        var code = int.TryParse(First(values), System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? (GrpcStatusCode)parsed
            : GrpcStatusCode.Unknown;
        var message = raw.TryGetValues(GrpcStatusMessage.MessageHeader, out var text) ? GrpcStatusMessage.Decode(First(text)) : string.Empty;
        return (code, message);
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }

    /// <summary>The request URI of <paramref name="method"/> at <paramref name="endpoint"/>, combined once per pair (Uri parsing is not cheap).</summary>
    private Uri RequestUri(Uri endpoint, string method)
    {
        var key = (endpoint, method);
        if (!_requestUris.TryGetValue(key, out var uri))
        {
            uri = new Uri(endpoint, method);
            if (_requestUris.Count < MaxCachedUris)
            {
                _requestUris.TryAdd(key, uri);
            }
        }

        return uri;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };
}
