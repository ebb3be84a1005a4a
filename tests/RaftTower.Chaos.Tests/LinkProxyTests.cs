using System.Net;
using System.Net.Sockets;
using System.Text;
using RaftTower.Chaos.Backends;

namespace RaftTower.Chaos.Tests;

/// <summary>
/// The proxy on loopback in front of an echo server; callers are told apart by their source address (127.0.0.2 is
/// caller 2, 127.0.0.3 caller 3), as the local backend tells nodes apart. Every wait is bounded.
/// </summary>
public sealed class LinkProxyTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TcpListener _echo = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private LinkProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _echo.Start();
        _ = Task.Run(EchoLoopAsync);
        _proxy = new LinkProxy(IPAddress.Loopback, (IPEndPoint)_echo.LocalEndpoint, address => address.GetAddressBytes()[3]);
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
        using var client = await ConnectAsync(2);
        Assert.Equal("hello", await RoundTripAsync(client, "hello"));
    }

    [Fact]
    public async Task A_cut_holds_bytes_without_closing_and_the_heal_delivers_them()
    {
        using var client = await ConnectAsync(2);
        Assert.Equal("a", await RoundTripAsync(client, "a"));

        _proxy.Cut(2);
        Assert.True(_proxy.IsCut(2));
        await client.SendAsync(Encoding.ASCII.GetBytes("held"), SocketFlags.None);
        Assert.Null(await ReceiveWithinAsync(client, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, _proxy.OpenConnections);

        _proxy.Heal(2);
        Assert.Equal("held", await ReceiveWithinAsync(client, Bound));
    }

    [Fact]
    public async Task A_connection_made_across_a_cut_is_accepted_and_forwarded_after_the_heal()
    {
        _proxy.Cut(2);
        using var client = await ConnectAsync(2);
        await client.SendAsync(Encoding.ASCII.GetBytes("early"), SocketFlags.None);
        await WaitUntilAsync(() => _proxy.PendingConnections == 1);
        Assert.Null(await ReceiveWithinAsync(client, TimeSpan.FromMilliseconds(300)));

        _proxy.Heal(2);
        Assert.Equal("early", await ReceiveWithinAsync(client, Bound));
        Assert.Equal(0, _proxy.PendingConnections);
    }

    [Fact]
    public async Task Cutting_one_caller_leaves_the_others_links_alone()
    {
        using var cut = await ConnectAsync(2);
        using var other = await ConnectAsync(3);
        _proxy.Cut(2);

        Assert.Equal("free", await RoundTripAsync(other, "free"));
        Assert.False(_proxy.IsCut(3));
        await cut.SendAsync(Encoding.ASCII.GetBytes("x"), SocketFlags.None);
        Assert.Null(await ReceiveWithinAsync(cut, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_stream_sent_across_a_cut_blocks_the_sender_and_arrives_whole_and_in_order_after_the_heal()
    {
        var payload = new byte[32 << 20];
        new Random(7).NextBytes(payload);
        using var client = await ConnectAsync(2);
        Assert.Equal("warm", await RoundTripAsync(client, "warm"));
        using var timeout = new CancellationTokenSource(Bound);

        _proxy.Cut(2);
        var sending = Task.Run(async () =>
        {
            for (var sent = 0; sent < payload.Length;)
            {
                sent += await client.SendAsync(payload.AsMemory(sent, Math.Min(64 * 1024, payload.Length - sent)), SocketFlags.None, timeout.Token);
            }
        });
        var echoed = new byte[payload.Length];
        Assert.Null(await ReceiveWithinAsync(client, TimeSpan.FromMilliseconds(300), echoed));
        Assert.False(sending.IsCompleted); // 32 MiB do not fit the loopback socket buffers: the sender is held too

        _proxy.Heal(2);
        var received = await ReceiveAsync(client, echoed, timeout.Token);
        await sending;
        Assert.Equal(payload.Length, received);
        Assert.Equal(payload, echoed);
    }

    private async Task<Socket> ConnectAsync(byte callerOctet)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, callerOctet]), 0));
        await socket.ConnectAsync(_proxy.Endpoint);
        return socket;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Reads until <paramref name="into"/> is full; the count read (less only if the connection closed).</summary>
    private static async Task<int> ReceiveAsync(Socket socket, Memory<byte> into, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < into.Length)
        {
            var read = await socket.ReceiveAsync(into[total..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>What arrives within <paramref name="wait"/> (null if nothing, or the connection closed).</summary>
    private static async Task<string?> ReceiveWithinAsync(Socket socket, TimeSpan wait, Memory<byte> into = default)
    {
        var buffer = into.Length > 0 ? into : new byte[64];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return read == 0 ? null : Encoding.ASCII.GetString(buffer.Span[..read]);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends a message and reads its echo; null when the connection fails or closes first (bounded).</summary>
    private static async Task<string?> RoundTripAsync(Socket socket, string message)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None);
            return await ReceiveWithinAsync(socket, Bound);
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
                var buffer = new byte[64 * 1024];
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
