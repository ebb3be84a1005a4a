using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.Protocol.Tests;

/// <summary>The HttpClient channel against a scripted Kestrel h2c server on loopback.</summary>
public sealed class GrpcChannelTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost("/test.Svc/Echo", async ctx =>
        {
            var body = await ReadBodyAsync(ctx.Request);
            var request = ExecuteRequest.Parser.ParseFrom(body.AsSpan(GrpcFrame.HeaderSize));
            ctx.Response.ContentType = GrpcFrame.ContentType;
            var reply = new ExecuteResponse { Result = new Result { String = request.String.Key + "|" + ctx.Request.Headers[GrpcTimeout.HeaderName] } };
            GrpcFrame.Write(ctx.Response.BodyWriter, reply);
            ctx.Response.AppendTrailer(GrpcStatusMessage.StatusHeader, "0");
        });
        _app.MapPost("/test.Svc/Fail", ctx =>
        {
            ctx.Response.ContentType = GrpcFrame.ContentType;
            ctx.Response.Headers[GrpcStatusMessage.StatusHeader] = "5";
            ctx.Response.Headers[GrpcStatusMessage.MessageHeader] = GrpcStatusMessage.Encode("clé absente");
            return Task.CompletedTask;
        });
        _app.MapPost("/test.Svc/Slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        _app.MapPost("/test.Svc/Garbled", async ctx =>
        {
            ctx.Response.ContentType = GrpcFrame.ContentType;
            await ctx.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 9, 1, 2 });
            ctx.Response.AppendTrailer(GrpcStatusMessage.StatusHeader, "0");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unary_call_returns_the_servers_message_and_sends_the_deadline()
    {
        using var channel = new GrpcChannel();
        var request = new ExecuteRequest { String = new StringOp { Op = StringOpCode.Get, Key = "k" } };

        var reply = await channel.CallAsync(_endpoint, "/test.Svc/Echo", request, ExecuteResponse.Parser, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal("k|5000m", reply.Result.String);
    }

    [Fact]
    public async Task Trailers_only_error_surfaces_status_and_decoded_message()
    {
        using var channel = new GrpcChannel();

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(_endpoint, "/test.Svc/Fail", new ExecuteRequest(), ExecuteResponse.Parser, null, CancellationToken.None));

        Assert.Equal(GrpcStatusCode.NotFound, error.Status);
        Assert.Equal("clé absente", error.Detail);
        Assert.Equal(_endpoint, error.Endpoint);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        using var channel = new GrpcChannel();

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(_endpoint, "/test.Svc/Nope", new ExecuteRequest(), ExecuteResponse.Parser, null, CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Unimplemented, error.Status);
    }

    [Fact]
    public async Task Passed_deadline_is_deadline_exceeded_and_may_have_reached_the_server()
    {
        using var channel = new GrpcChannel();

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(_endpoint, "/test.Svc/Slow", new ExecuteRequest(), ExecuteResponse.Parser, TimeSpan.FromMilliseconds(200), CancellationToken.None));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.Status);
        Assert.True(error.MayHaveReachedServer);
    }

    [Fact]
    public async Task Caller_cancellation_is_cancelled_not_deadline()
    {
        using var channel = new GrpcChannel();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(_endpoint, "/test.Svc/Slow", new ExecuteRequest(), ExecuteResponse.Parser, TimeSpan.FromSeconds(30), cancel.Token));

        Assert.Equal(GrpcStatusCode.Cancelled, error.Status);
    }

    [Fact]
    public async Task Truncated_response_body_is_reported_as_malformed()
    {
        using var channel = new GrpcChannel();

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(_endpoint, "/test.Svc/Garbled", new ExecuteRequest(), ExecuteResponse.Parser, null, CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Internal, error.Status);
        Assert.Contains("malformed", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_connection_certainly_did_not_reach_a_server()
    {
        using var channel = new GrpcChannel();
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");

        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            channel.CallAsync(closed, "/test.Svc/Echo", new ExecuteRequest(), ExecuteResponse.Parser, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Unavailable, error.Status);
        Assert.False(error.MayHaveReachedServer);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
