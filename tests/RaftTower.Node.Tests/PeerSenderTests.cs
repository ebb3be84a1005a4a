using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RaftTower.Node.Peers;

namespace RaftTower.Node.Tests;

public sealed class PeerSenderTests
{
    [Theory]
    [InlineData("127.0.0.12:7201", "127.0.0.12")]
    [InlineData("10.0.0.4:7201", "10.0.0.4")]
    [InlineData("[::1]:7201", "::1")]
    [InlineData("0.0.0.0:7201", null)]
    [InlineData("[::]:7201", null)]
    [InlineData("node-2.internal:7201", null)]
    public void Outgoing_connections_bind_only_a_literal_non_wildcard_advertised_ip(string advertised, string? expected) =>
        Assert.Equal(expected, PeerSender.SourceAddressFor(advertised)?.ToString());

    [Fact]
    public async Task A_peer_sees_the_connection_come_from_the_advertised_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hello = new PeerHello(2, "http://127.0.0.12:7101", "127.0.0.12:7201");
        await using var sender = new PeerSender(1, new DnsEndPoint("127.0.0.1", port), hello, NullLogger.Instance, _ => { });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var accepted = await listener.AcceptSocketAsync(timeout.Token);
        Assert.Equal(IPAddress.Parse("127.0.0.12"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task An_advertised_address_the_host_does_not_have_still_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hello = new PeerHello(2, "http://192.0.2.1:7101", "192.0.2.1:7201"); // TEST-NET-1: never a local address
        await using var sender = new PeerSender(1, new DnsEndPoint("127.0.0.1", port), hello, NullLogger.Instance, _ => { });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var accepted = await listener.AcceptSocketAsync(timeout.Token);
        Assert.True(IPAddress.IsLoopback(((IPEndPoint)accepted.RemoteEndPoint!).Address));
    }
}
