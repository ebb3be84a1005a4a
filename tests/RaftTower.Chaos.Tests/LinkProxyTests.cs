using System.Net;
using System.Net.Sockets;
using RaftTower.Chaos.Backends;

namespace RaftTower.Chaos.Tests;

public sealed class LinkProxyTests : IAsyncLifetime, IDisposable
{
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private LinkProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _echo.Start();
        _ = Task.Run(EchoLoopAsync);
        _proxy = new LinkProxy(IPAddress.Loopback, (IPEndPoint)_echo.LocalEndpoint);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _stop.CancelAsync();
        _echo.Stop();
    }

    public void Dispose()
    {
        _echo.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task A_healthy_link_forwards_bytes_both_ways()
    {
        using var client = await ConnectAsync();
        Assert.Equal("hello", await RoundTripAsync(client, "hello"));
    }

    [Fact]
    public async Task Cutting_resets_open_connections_and_refuses_new_ones_until_healed()
    {
        using var before = await ConnectAsync();
        Assert.Equal("a", await RoundTripAsync(before, "a"));

        _proxy.Cut();
        Assert.True(_proxy.IsCut);
        Assert.Null(await RoundTripAsync(before, "b"));
        using var during = await ConnectAsync();
        Assert.Null(await RoundTripAsync(during, "c"));
        Assert.Equal(0, _proxy.OpenConnections);

        _proxy.Heal();
        using var after = await ConnectAsync();
        Assert.Equal("d", await RoundTripAsync(after, "d"));
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_proxy.Endpoint);
        return socket;
    }

    /// <summary>Sends a message and reads its echo; null when the connection fails or closes first (bounded: 5 s).</summary>
    private static async Task<string?> RoundTripAsync(Socket socket, string message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(message), SocketFlags.None, timeout.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return read == 0 ? null : System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private async Task EchoLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _echo.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var socket = accepted;
                var buffer = new byte[64];
                try
                {
                    int read;
                    while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                    {
                        await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                    }
                }
                catch (SocketException)
                {
                }
            });
        }
    }
}
