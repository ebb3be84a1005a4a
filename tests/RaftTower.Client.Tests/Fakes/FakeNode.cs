using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Fakes;

/// <summary>
/// A scripted RaftTower node: Kestrel h2c on 127.0.0.1, port 0, answering <c>/rafttower.v1.Tower/Execute</c> and
/// <c>/rafttower.v1.Cluster/*</c> from delegates the test sets, and recording every request it received.
/// </summary>
public sealed class FakeNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNode(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The endpoint as a client option string.</summary>
    public string Address => Endpoint.ToString();

    /// <summary>Answers Execute; the default answers success without a result.</summary>
    public Func<ExecuteRequest, CancellationToken, Task<NodeAnswer<ExecuteResponse>>> Execute { get; set; } =
        (_, _) => Task.FromResult(NodeAnswer.Reply(new ExecuteResponse()));

    /// <summary>Answers Cluster.Status.</summary>
    public Func<StatusResponse> Status { get; set; } = () => new StatusResponse();

    /// <summary>Answers the membership RPCs (method name, request).</summary>
    public Func<string, IMessage, ClusterResponse> Membership { get; set; } = (_, _) => new ClusterResponse();

    public ConcurrentQueue<ExecuteRequest> Received { get; } = new();

    public ConcurrentQueue<(string Method, IMessage Request)> ClusterCalls { get; } = new();

    public static async Task<FakeNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        FakeNode? node = null;
        app.MapPost("/rafttower.v1.Tower/Execute", (RequestDelegate)(ctx => node!.ServeExecuteAsync(ctx)));
        app.MapPost("/rafttower.v1.Cluster/{method}", (RequestDelegate)(ctx => node!.ServeClusterAsync(ctx)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node = new FakeNode(app, new Uri(address));
        return node;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task ServeExecuteAsync(HttpContext ctx) =>
        ServeAsync<ExecuteRequest, ExecuteResponse>(ctx, ExecuteRequest.Parser, (r, ct) =>
        {
            Received.Enqueue(r);
            return Execute(r, ct);
        });

    private Task ServeClusterAsync(HttpContext ctx)
    {
        var method = (string)ctx.Request.RouteValues["method"]!;
        return method == "Status"
            ? ServeAsync<StatusRequest, StatusResponse>(ctx, StatusRequest.Parser, (r, _) => Record(method, r, () => NodeAnswer.Reply(Status())))
            : ServeAsync<IMessage, ClusterResponse>(ctx, ParserOf(method), (r, _) => Record(method, r, () => NodeAnswer.Reply(Membership(method, r))));
    }

    private static MessageParser ParserOf(string method) => method switch
    {
        "AddMember" => AddMemberRequest.Parser,
        "PromoteMember" => PromoteMemberRequest.Parser,
        "RemoveMember" => RemoveMemberRequest.Parser,
        "TransferLeadership" => TransferLeadershipRequest.Parser,
        _ => throw new InvalidOperationException($"unknown Cluster method {method}"),
    };

    private Task<NodeAnswer<T>> Record<T>(string method, IMessage request, Func<NodeAnswer<T>> answer)
        where T : IMessage
    {
        ClusterCalls.Enqueue((method, request));
        return Task.FromResult(answer());
    }

    private async Task ServeAsync<TRequest, TResponse>(HttpContext ctx, MessageParser parser, Func<TRequest, CancellationToken, Task<NodeAnswer<TResponse>>> handler)
        where TRequest : IMessage
        where TResponse : IMessage
    {
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        var request = (TRequest)parser.ParseFrom(body.ToArray().AsSpan(GrpcFrame.HeaderSize));
        NodeAnswer<TResponse> answer;
        try
        {
            answer = await handler(request, ctx.RequestAborted);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        ctx.Response.ContentType = GrpcFrame.ContentType;
        if (answer.DropConnection)
        {
            ctx.Abort();
            return;
        }

        if (answer.Status != GrpcStatusCode.Ok)
        {
            ctx.Response.Headers[GrpcStatusMessage.StatusHeader] = ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ctx.Response.Headers[GrpcStatusMessage.MessageHeader] = GrpcStatusMessage.Encode("scripted failure");
            return;
        }

        GrpcFrame.Write(ctx.Response.BodyWriter, answer.Message!);
        ctx.Response.AppendTrailer(GrpcStatusMessage.StatusHeader, "0");
    }
}
