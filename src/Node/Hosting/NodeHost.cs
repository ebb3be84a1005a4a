using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RaftTower.Node.Admin;
using RaftTower.Node.Api;
using RaftTower.Node.Cluster;
using RaftTower.Node.Configuration;
using RaftTower.Node.Peers;
using RaftTower.StateMachine.Codec;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Hosting;

/// <summary>
/// Builds the node's host: configuration (appsettings.json, <c>RAFTTOWER__*</c> environment, command line),
/// validation, and Kestrel with three listeners — client gRPC (h2c), peer frames (raw TCP connection handler) and
/// admin HTTP/1.1.
/// </summary>
internal static class NodeHost
{
    private const int MaxGrpcMessageBytes = 17 << 20;

    public static WebApplication Build(string[] args)
    {
        // The node reads its settings once at start. The default builder would also watch its content root (the
        // working directory, recursively) for appsettings changes; with data under it (dev mode's ./data) every WAL
        // write and snapshot file would wake that watcher.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);

        // ASP.NET Core logs two Information lines per request ("Request starting/finished"); at tens of thousands of
        // calls a second that console output cost more CPU than serving the calls (profiled: issue 6).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<NodeOptions>().Bind(builder.Configuration.GetSection(NodeOptions.Section));
        builder.Services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();

        // Validate now: a bad setting must stop the node before it touches its data directory or ports.
        var options = Bind(builder.Configuration);
        var validation = new NodeOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(NodeOptions.Section, typeof(NodeOptions), validation.Failures);
        }

        var clientUri = new Uri(options.ClientUrl);
        var peerUri = new Uri(options.PeerUrl);
        var adminUri = new Uri(options.HttpUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1024;
            kestrel.Listen(Address(clientUri), clientUri.Port, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(Address(adminUri), adminUri.Port, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(Address(peerUri), peerUri.Port, o => o.UseConnectionHandler<PeerConnectionHandler>());
        });

        _ = MemberList.TryParse(options.Members, out var members, out _); // validated above
        var engineOptions = new ClusterNodeOptions(
            options.Id,
            Path.GetFullPath(options.DataDir),
            options.AdvertisedClientUrl,
            members,
            TimeSpan.FromMilliseconds(options.HeartbeatIntervalMs),
            Math.Max(2, options.ElectionTimeoutMs / options.HeartbeatIntervalMs),
            options.SnapshotIntervalEntries,
            options.SyncMode == SyncMode.Fsync,
            options.MemoryBudgetBytes,
            options.MaxKeyBytes,
            options.MaxValueBytes);
        var limits = CodecLimits.Default with { MaxKeyBytes = options.MaxKeyBytes, MaxValueBytes = options.MaxValueBytes };
        builder.Services.AddSingleton(engineOptions);
        builder.Services.AddSingleton(sp => new TcpRaftTransport(
            options.Id, options.AdvertisedClientUrl, $"{peerUri.Host}:{peerUri.Port}", Path.Combine(engineOptions.DataDir, "incoming"), sp.GetRequiredService<ILogger<TcpRaftTransport>>()));
        builder.Services.AddSingleton<IPeerMessageSink>(sp => sp.GetRequiredService<TcpRaftTransport>());
        builder.Services.AddSingleton<ClusterNode>();
        builder.Services.AddSingleton(sp => new TowerService(sp.GetRequiredService<ClusterNode>(), limits));
        builder.Services.AddSingleton<ClusterService>();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddHostedService<ClusterNodeLifetime>();

        var app = builder.Build();
        MapClientApi(app, clientUri.Port);
        MapAdmin(app, adminUri.Port);
        app.Services.GetRequiredService<ILogger<ClusterNode>>().Listening(options.ClientUrl, options.PeerUrl, options.HttpUrl);
        return app;
    }

    /// <summary>
    /// Reads the settings; a value of the wrong kind (<c>--sync-mode Maybe</c>, <c>--heartbeat-ms fast</c>) is reported
    /// like any other invalid setting, naming the switch, instead of ending the process with a stack trace.
    /// </summary>
    internal static NodeOptions Bind(IConfiguration configuration)
    {
        var options = new NodeOptions();
        try
        {
            configuration.GetSection(NodeOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(NodeOptions.Section, typeof(NodeOptions), [Describe(e)]);
        }

        return options;
    }

    private static string Describe(InvalidOperationException e)
    {
        // The binder's message names the configuration key ("... at 'RaftTower:SyncMode' to type ..."): give the switch too.
        var mapping = CommandLineSwitches.Mappings.FirstOrDefault(m => e.Message.Contains($"'{m.Value}'", StringComparison.OrdinalIgnoreCase));
        var reason = e.InnerException?.Message ?? e.Message;
        return mapping.Key is null ? e.Message : $"{mapping.Key}: {reason} ({e.Message})";
    }

    private static IPAddress Address(Uri uri) =>
        IPAddress.TryParse(uri.Host, out var ip) ? ip : uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Any;

    private static void MapClientApi(WebApplication app, int port)
    {
        var tower = app.Services.GetRequiredService<TowerService>();
        var cluster = app.Services.GetRequiredService<ClusterService>();
        var routes = new Dictionary<string, RequestDelegate>(StringComparer.Ordinal)
        {
            ["/rafttower.v1.Tower/Execute"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.ExecuteRequest.Parser, tower.ExecuteAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Tower/ExecuteBatch"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.ExecuteBatchRequest.Parser, tower.ExecuteBatchAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Tower/ConfirmRead"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.ConfirmReadRequest.Parser, tower.ConfirmReadAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Cluster/Status"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.StatusRequest.Parser, cluster.StatusAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Cluster/AddMember"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.AddMemberRequest.Parser, cluster.AddMemberAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Cluster/PromoteMember"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.PromoteMemberRequest.Parser, cluster.PromoteMemberAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Cluster/RemoveMember"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.RemoveMemberRequest.Parser, cluster.RemoveMemberAsync, MaxGrpcMessageBytes),
            ["/rafttower.v1.Cluster/TransferLeadership"] = ctx => GrpcServerCall.HandleAsync(ctx, Wire.TransferLeadershipRequest.Parser, cluster.TransferLeadershipAsync, MaxGrpcMessageBytes),
        };
        app.MapWhen(ctx => ctx.Connection.LocalPort == port, branch => branch.Run(ctx =>
            ctx.Request.Method == HttpMethods.Post && routes.TryGetValue(ctx.Request.Path.Value ?? string.Empty, out var handler)
                ? handler(ctx)
                : GrpcServerCall.UnimplementedAsync(ctx)));
    }

    private static void MapAdmin(WebApplication app, int port)
    {
        var node = app.Services.GetRequiredService<ClusterNode>();
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        NodeMetrics.Observe(() => node.Status);
        app.MapWhen(ctx => ctx.Connection.LocalPort == port, branch => branch.Run(async ctx =>
        {
            // The admin endpoints only read: a write method gets 405, not the page (found by the admin-port fuzz tests).
            if (ctx.Request.Path.Value is "/health" or "/status" or "/metrics" && !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                ctx.Response.Headers.Allow = "GET, HEAD";
                await ctx.Response.WriteAsync("method not allowed: the admin endpoints are read-only (GET or HEAD)\n").ConfigureAwait(false);
                return;
            }

            switch (ctx.Request.Path.Value)
            {
                case "/health":
                    var status = node.Status;
                    var healthy = status.LeaderId != 0;
                    ctx.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                    await ctx.Response.WriteAsync(healthy ? "ok\n" : "no leader known\n").ConfigureAwait(false);
                    break;
                case "/status":
                    ctx.Response.ContentType = "application/json";
                    await JsonSerializer.SerializeAsync(ctx.Response.Body, AdminStatus.From(node.Status), AdminJsonContext.Default.AdminStatus)
                        .ConfigureAwait(false);
                    break;
                case "/metrics":
                    ctx.Response.ContentType = "text/plain; version=0.0.4";
                    await ctx.Response.WriteAsync(exporter.Render()).ConfigureAwait(false);
                    break;
                default:
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    await ctx.Response.WriteAsync("not found: try /health, /status or /metrics\n").ConfigureAwait(false);
                    break;
            }
        }));
    }
}
