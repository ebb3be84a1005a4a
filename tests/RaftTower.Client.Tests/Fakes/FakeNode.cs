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
/// A scripted RaftTower node: Kestrel h2c on 127.0.0.1, port 0, answering <c>/rafttower.v1.Tower/Execute</c>,
/// <c>/rafttower.v1.Tower/ExecuteBatch</c>, <c>/rafttower.v1.Tower/ConfirmRead</c> and <c>/rafttower.v1.Cluster/*</c>
/// from delegates the test sets, recording every request it received and every Execute/ExecuteBatch call (method and
/// operations), and holding answers while a test says so. ConfirmRead calls are recorded on their own
/// (<see cref="ConfirmReads"/>), so the counts of Execute calls stay what they were.
/// </summary>
public sealed class FakeNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<HeldCalls> _holds = [];
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiters = [];
    private readonly List<(int Count, TaskCompletionSource Arrived)> _confirmWaiters = [];
    private HeldCalls? _hold;
    private int _towerCalls;
    private int _confirmCalls;

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

    /// <summary>Answers ConfirmRead; the default answers <c>forwarded = true</c>.</summary>
    public Func<ConfirmReadRequest, CancellationToken, Task<NodeAnswer<ConfirmReadResponse>>> ConfirmRead { get; set; } =
        (_, _) => Task.FromResult(NodeAnswer.Reply(new ConfirmReadResponse { Forwarded = true }));

    /// <summary>Every ConfirmRead received, in arrival order (recorded before it is answered).</summary>
    public ConcurrentQueue<ConfirmReadRequest> ConfirmReads { get; } = new();

    /// <summary>Answers Cluster.Status.</summary>
    public Func<StatusResponse> Status { get; set; } = () => new StatusResponse();

    /// <summary>Answers the membership RPCs (method name, request).</summary>
    public Func<string, IMessage, NodeAnswer<ClusterResponse>> Membership { get; set; } = (_, _) => NodeAnswer.Reply(new ClusterResponse());

    /// <summary>
    /// Answers ExecuteBatch; null (the default) answers it as the node does: each request through <see cref="Execute"/>
    /// (concurrently, as if each had come in its own call), the responses in request order.
    /// </summary>
    public Func<ExecuteBatchRequest, CancellationToken, Task<NodeAnswer<ExecuteBatchResponse>>>? ExecuteBatch { get; set; }

    /// <summary>Every operation received, whether in an Execute or an ExecuteBatch call, in arrival order.</summary>
    public ConcurrentQueue<ExecuteRequest> Received { get; } = new();

    /// <summary>Every Tower call received, in arrival order: the method and how many operations it carried.</summary>
    public ConcurrentQueue<TowerCall> Calls { get; } = new();

    public ConcurrentQueue<(string Method, IMessage Request)> ClusterCalls { get; } = new();

    public static async Task<FakeNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        FakeNode? node = null;
        app.MapPost("/rafttower.v1.Tower/Execute", (RequestDelegate)(ctx => node!.ServeExecuteAsync(ctx)));
        app.MapPost("/rafttower.v1.Tower/ExecuteBatch", (RequestDelegate)(ctx => node!.ServeExecuteBatchAsync(ctx)));
        app.MapPost("/rafttower.v1.Tower/ConfirmRead", (RequestDelegate)(ctx => node!.ServeConfirmReadAsync(ctx)));
        app.MapPost("/rafttower.v1.Cluster/{method}", (RequestDelegate)(ctx => node!.ServeClusterAsync(ctx)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node = new FakeNode(app, new Uri(address));
        return node;
    }

    /// <summary>
    /// Holds every Tower call arriving from now on (after recording it) until the returned handle is released; a
    /// later <see cref="Hold"/> holds the calls after it on its own handle.
    /// </summary>
    public HeldCalls Hold()
    {
        lock (_gate)
        {
            _hold = new HeldCalls();
            _holds.Add(_hold);
            return _hold;
        }
    }

    /// <summary>Answers the Tower calls arriving from now on at once (those held stay held until their handle is released).</summary>
    public void StopHolding()
    {
        lock (_gate)
        {
            _hold = null;
        }
    }

    /// <summary>Completes when <paramref name="count"/> Tower calls in all have arrived (held or not).</summary>
    public Task WhenCallsArrived(int count)
    {
        lock (_gate)
        {
            return WhenArrived(_waiters, _towerCalls, count);
        }
    }

    /// <summary>Completes when <paramref name="count"/> ConfirmRead calls in all have arrived.</summary>
    public Task WhenConfirmReadsArrived(int count)
    {
        lock (_gate)
        {
            return WhenArrived(_confirmWaiters, _confirmCalls, count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _holds.ForEach(h => h.Release());
        }

        await _app.DisposeAsync();
    }

    private Task ServeExecuteAsync(HttpContext ctx) =>
        ServeAsync<ExecuteRequest, ExecuteResponse>(ctx, ExecuteRequest.Parser, async (r, ct) =>
        {
            Received.Enqueue(r);
            await ArriveAsync(new TowerCall("Execute", 1), ct);
            return await Execute(r, ct);
        });

    private Task ServeConfirmReadAsync(HttpContext ctx) =>
        ServeAsync<ConfirmReadRequest, ConfirmReadResponse>(ctx, ConfirmReadRequest.Parser, (r, ct) =>
        {
            lock (_gate)
            {
                ConfirmReads.Enqueue(r);
                _confirmCalls++;
                Wake(_confirmWaiters, _confirmCalls);
            }

            return ConfirmRead(r, ct);
        });

    private Task ServeExecuteBatchAsync(HttpContext ctx) =>
        ServeAsync<ExecuteBatchRequest, ExecuteBatchResponse>(ctx, ExecuteBatchRequest.Parser, async (batch, ct) =>
        {
            foreach (var r in batch.Requests)
            {
                Received.Enqueue(r);
            }

            await ArriveAsync(new TowerCall("ExecuteBatch", batch.Requests.Count), ct);
            if (ExecuteBatch is { } custom)
            {
                return await custom(batch, ct);
            }

            var answers = await Task.WhenAll(batch.Requests.Select(r => Execute(r, ct)));
            foreach (var answer in answers)
            {
                // A call-level failure scripted for one operation fails the whole call, as it fails the whole Execute call.
                if (answer.DropConnection)
                {
                    return NodeAnswer.Drop<ExecuteBatchResponse>();
                }

                if (answer.Status != GrpcStatusCode.Ok)
                {
                    return NodeAnswer.Fail<ExecuteBatchResponse>(answer.Status);
                }
            }

            var response = new ExecuteBatchResponse();
            response.Responses.AddRange(answers.Select(a => a.Message!));
            return NodeAnswer.Reply(response);
        });

    /// <summary>Records a Tower call, wakes the tests waiting for it, and holds it while a hold is on.</summary>
    private Task ArriveAsync(TowerCall call, CancellationToken cancellationToken)
    {
        HeldCalls? hold;
        lock (_gate)
        {
            Calls.Enqueue(call);
            _towerCalls++;
            Wake(_waiters, _towerCalls);
            hold = _hold;
        }

        return hold is null ? Task.CompletedTask : hold.WaitAsync(cancellationToken);
    }

    /// <summary>Under the lock: a task completing once <paramref name="count"/> calls have arrived (<see cref="Wake"/>).</summary>
    private static Task WhenArrived(List<(int Count, TaskCompletionSource Arrived)> waiters, int arrived, int count)
    {
        if (arrived >= count)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Add((count, waiter));
        return waiter.Task;
    }

    /// <summary>Under the lock: completes the waiters whose count has been reached.</summary>
    private static void Wake(List<(int Count, TaskCompletionSource Arrived)> waiters, int arrived)
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (arrived >= waiters[i].Count)
            {
                waiters[i].Arrived.TrySetResult();
                waiters.RemoveAt(i);
            }
        }
    }

    private Task ServeClusterAsync(HttpContext ctx)
    {
        var method = (string)ctx.Request.RouteValues["method"]!;
        return method == "Status"
            ? ServeAsync<StatusRequest, StatusResponse>(ctx, StatusRequest.Parser, (r, _) => Record(method, r, () => NodeAnswer.Reply(Status())))
            : ServeAsync<IMessage, ClusterResponse>(ctx, ParserOf(method), (r, _) => Record(method, r, () => Membership(method, r)));
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
