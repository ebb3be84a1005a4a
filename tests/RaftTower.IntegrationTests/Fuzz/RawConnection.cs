using System.Net;
using System.Net.Sockets;

namespace RaftTower.IntegrationTests.Fuzz;

/// <summary>
/// A plain TCP connection to one of a node's ports, for bytes no real client would send. Every wait is bounded;
/// a reset or an aborted write counts as the server closing the connection.
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;

    private RawConnection(Socket socket) => _socket = socket;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<RawConnection> OpenAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        return new RawConnection(socket);
    }

    /// <summary>Sends <paramref name="bytes"/>; false when the server had already closed the connection.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
                bytes = bytes[sent..];
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Ends our direction (FIN): the server sees end of stream in the middle of whatever we sent.</summary>
    public void HalfClose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset by the server: nothing left to end.
        }
    }

    /// <summary>
    /// Reads until the server closes or resets the connection, or <paramref name="timeout"/> passes; returns what
    /// the server sent and whether it closed.
    /// </summary>
    public async Task<ServerReply> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    return new ServerReply(true, received.ToArray());
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            return new ServerReply(true, received.ToArray());
        }
        catch (OperationCanceledException)
        {
            return new ServerReply(false, received.ToArray());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
