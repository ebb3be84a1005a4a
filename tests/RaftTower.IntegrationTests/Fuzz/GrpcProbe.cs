using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// Sends arbitrary bodies and headers to the client port over h2c (HttpClient with prior knowledge) and reads back
/// the HTTP status, the gRPC status from the headers (trailers-only) or the trailers, and the body.
/// </summary>
internal sealed class GrpcProbe : IDisposable
{
    public const string Execute = "/rafttower.v1.Tower/Execute";
    public const string ExecuteBatch = "/rafttower.v1.Tower/ExecuteBatch";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri _endpoint;

    public GrpcProbe(string endpoint) => _endpoint = new Uri(endpoint);

    /// <summary>Posts <paramref name="body"/> as it is (no prefix added) to <paramref name="path"/>.</summary>
    public Task<GrpcProbeReply> SendAsync(string path, byte[] body, string contentType = GrpcFrame.ContentType, string? grpcTimeout = null, string method = "POST") =>
        SendAsync(path, new ByteArrayContent(body), contentType, grpcTimeout, method);

    /// <summary>Posts one properly framed message.</summary>
    public Task<GrpcProbeReply> SendAsync(string path, IMessage message) => SendAsync(path, GrpcFrame.ToArray(message));

    /// <summary>Calls Execute with <paramref name="request"/> and requires a gRPC OK carrying an ExecuteResponse.</summary>
    public async Task<ExecuteResponse> ExecuteAsync(ExecuteRequest request)
    {
        var reply = await SendAsync(Execute, request);
        Assert.True(reply.GrpcStatus == GrpcStatusCode.Ok, $"Execute answered {reply}");
        return reply.ParseExecuteResponse();
    }

    /// <summary>Posts whatever <paramref name="content"/> writes, which may keep the request stream open.</summary>
    public async Task<GrpcProbeReply> SendAsync(string path, HttpContent content, string contentType = GrpcFrame.ContentType, string? grpcTimeout = null, string method = "POST")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_endpoint, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (grpcTimeout is not null)
        {
            request.Headers.TryAddWithoutValidation(GrpcTimeout.HeaderName, grpcTimeout);
        }

        using var timeout = new CancellationTokenSource(CallTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        var status = Header(response.Headers, GrpcStatusMessage.StatusHeader) ?? Header(response.TrailingHeaders, GrpcStatusMessage.StatusHeader);
        var message = Header(response.Headers, GrpcStatusMessage.MessageHeader) ?? Header(response.TrailingHeaders, GrpcStatusMessage.MessageHeader);
        return new GrpcProbeReply(
            (int)response.StatusCode,
            status is null ? null : (GrpcStatusCode)int.Parse(status, CultureInfo.InvariantCulture),
            GrpcStatusMessage.Decode(message),
            body);
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
