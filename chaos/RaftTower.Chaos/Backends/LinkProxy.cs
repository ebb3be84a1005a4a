using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RaftTower.Chaos.Backends;

/// <summary>
/// A TCP proxy in front of one node's peer port: every peer reaches the node through it, and it tells the callers
/// apart by <paramref name="callerOf"/> (the local backend: by the caller's source address), so the harness can cut
/// and heal each directed link (caller → this node) on its own.
/// </summary>
/// <remarks>
/// A cut link drops silently, like iptables DROP: it stops forwarding both ways without closing anything, accepts
/// new connections but connects and forwards nothing, and on heal resumes every held stream exactly where it
/// stopped (no byte lost, only delayed, as TCP retransmission would deliver it). Bytes the proxy had read before
/// the cut are held and sent after the heal; the rest waits in the kernel's socket buffers, so the sender's writes
/// block once its send buffer fills, as they would on a real network.
/// </remarks>
internal sealed class LinkProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly Func<IPAddress, ulong> _callerOf;
    private readonly ConcurrentDictionary<ulong, LinkGate> _gates = new();
    private readonly ConcurrentDictionary<long, (Socket Inbound, Socket Outbound)> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _nextId;
    private int _pending;

    /// <summary>
    /// Listens on a free port of <paramref name="listenOn"/> and forwards to <paramref name="target"/>;
    /// <paramref name="callerOf"/> names the link an accepted connection belongs to from its remote address.
    /// </summary>
    public LinkProxy(IPAddress listenOn, IPEndPoint target, Func<IPAddress, ulong> callerOf)
    {
        _target = target;
        _callerOf = callerOf;
        _listener = new TcpListener(listenOn, 0);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the proxy listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Connections currently forwarded (or held by a cut).</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Connections accepted while their link was cut and not yet connected to the target.</summary>
    public int PendingConnections => Volatile.Read(ref _pending);

    /// <summary>True while the link from <paramref name="caller"/> is cut.</summary>
    public bool IsCut(ulong caller) => Gate(caller).IsCut;

    /// <summary>Cuts the link from <paramref name="caller"/>: its connections stall both ways, nothing is closed.</summary>
    public void Cut(ulong caller) => Gate(caller).Cut();

    /// <summary>Heals the link from <paramref name="caller"/>: held streams resume unchanged.</summary>
    public void Heal(ulong caller) => Gate(caller).Heal();

    /// <summary>Heals every link.</summary>
    public void HealAll()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Heal();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        HealAll();
        foreach (var id in _open.Keys)
        {
            Close(id);
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private LinkGate Gate(ulong caller) => _gates.GetOrAdd(caller, _ => new LinkGate());

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

            var caller = inbound.RemoteEndPoint is IPEndPoint remote ? _callerOf(remote.Address) : 0;
            _ = Task.Run(() => ForwardAsync(inbound, Gate(caller)));
        }
    }

    private async Task ForwardAsync(Socket inbound, LinkGate gate)
    {
        inbound.NoDelay = true;
        var outbound = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A connection made across a cut link waits for the heal before reaching the target, as a SYN dropped
            // and retransmitted would; its first bytes stay in the kernel meanwhile.
            Interlocked.Increment(ref _pending);
            try
            {
                await gate.WaitOpenAsync(_stop.Token).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }

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
        await Task.WhenAny(PumpAsync(inbound, outbound, gate), PumpAsync(outbound, inbound, gate)).ConfigureAwait(false);
        Close(id);
    }

    private async Task PumpAsync(Socket from, Socket to, LinkGate gate)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await gate.WaitOpenAsync(_stop.Token).ConfigureAwait(false);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    // An orderly close crosses a cut no sooner than the bytes before it.
                    await gate.WaitOpenAsync(_stop.Token).ConfigureAwait(false);
                    return;
                }

                for (var sent = 0; sent < read;)
                {
                    // Read just before a cut: held until the heal, then sent unchanged.
                    await gate.WaitOpenAsync(_stop.Token).ConfigureAwait(false);
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A reset from either end (a killed node) is seen only once the link is open, as on a real network.
        }
    }

    private void Close(long id)
    {
        if (_open.TryRemove(id, out var pair))
        {
            pair.Inbound.Dispose();
            pair.Outbound.Dispose();
        }
    }

    /// <summary>The cut/healed state of one directed link: waiters park on a task completed at the heal.</summary>
    private sealed class LinkGate
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _open = Opened();

        public bool IsCut
        {
            get
            {
                lock (_lock)
                {
                    return !_open.Task.IsCompleted;
                }
            }
        }

        public void Cut()
        {
            lock (_lock)
            {
                if (_open.Task.IsCompleted)
                {
                    _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        public void Heal()
        {
            lock (_lock)
            {
                _open.TrySetResult();
            }
        }

        public Task WaitOpenAsync(CancellationToken cancellationToken)
        {
            Task open;
            lock (_lock)
            {
                open = _open.Task;
            }

            return open.IsCompleted ? Task.CompletedTask : open.WaitAsync(cancellationToken);
        }

        private static TaskCompletionSource Opened()
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            source.SetResult();
            return source;
        }
    }
}
