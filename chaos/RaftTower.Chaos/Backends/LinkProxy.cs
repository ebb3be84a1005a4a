using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// A TCP proxy for one directed peer link (node i dialling node j): the harness cuts and heals it. Cut, it resets
/// every open connection and closes each new one at once, so the sender sees the peer as unreachable; healed, it
/// forwards bytes both ways untouched.
/// </summary>
internal sealed class LinkProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<long, (Socket Inbound, Socket Outbound)> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _nextId;
    private volatile bool _cut;

    /// <summary>Listens on a free port of <paramref name="listenOn"/> and forwards to <paramref name="target"/>.</summary>
    public LinkProxy(IPAddress listenOn, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(listenOn, 0);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the proxy listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>True while the link is cut.</summary>
    public bool IsCut => _cut;

    /// <summary>Connections currently forwarded.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Cuts the link: open connections are reset, new ones refused.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var id in _open.Keys)
        {
            Close(id);
        }
    }

    /// <summary>Restores the link for new connections.</summary>
    public void Heal() => _cut = false;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Cut();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket inbound;
            try
            {
                inbound = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(inbound));
        }
    }

    private async Task ForwardAsync(Socket inbound)
    {
        if (_cut)
        {
            inbound.Dispose();
            return;
        }

        var outbound = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        inbound.NoDelay = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await outbound.ConnectAsync(_target, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            inbound.Dispose();
            outbound.Dispose();
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        _open[id] = (inbound, outbound);
        if (_cut)
        {
            // Cut while connecting: the cut must not miss this connection.
            Close(id);
            return;
        }

        await Task.WhenAny(PumpAsync(inbound, outbound), PumpAsync(outbound, inbound)).ConfigureAwait(false);
        Close(id);
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                for (var sent = 0; sent < read;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Close(long id)
    {
        if (_open.TryRemove(id, out var pair))
        {
            // Linger 0: a reset, not an orderly close, like a link that went away.
            try
            {
                pair.Inbound.LingerState = new LingerOption(true, 0);
                pair.Outbound.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            pair.Inbound.Dispose();
            pair.Outbound.Dispose();
        }
    }
}
