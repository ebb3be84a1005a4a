using System.Net;
using System.Net.Sockets;

namespace RaftTower.Client.Tests.Fakes;

/// <summary>An endpoint nobody listens on: connecting is refused, so the request certainly reached no server.</summary>
public static class ClosedPort
{
    public static string Endpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
