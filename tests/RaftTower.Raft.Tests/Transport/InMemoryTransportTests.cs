using RaftTower.Raft.Core;
using RaftTower.Raft.Transport;

namespace RaftTower.Raft.Tests.Transport;

public sealed class InMemoryTransportTests
{
    [Fact]
    public async Task Messages_arrive_in_order_and_cut_links_report_unreachable()
    {
        var network = new InMemoryNetwork();
        await using var a = network.Connect(1);
        await using var b = network.Connect(2);
        Message[] batch = [new(MessageType.Heartbeat, 1, 2, 1), new(MessageType.Append, 1, 2, 1) { Index = 4 }];

        Assert.True(await a.SendAsync(2, batch));
        Assert.Equal(MessageType.Heartbeat, (await b.Inbound.ReadAsync()).Message.Type);
        Assert.Equal(4, (await b.Inbound.ReadAsync()).Message.Index);

        network.Cut(1, 2);
        Assert.False(await a.SendAsync(2, batch));
        Assert.False(await a.SendAsync(9, batch));
        Assert.True(await b.SendAsync(1, batch));
    }

    [Fact]
    public async Task Snapshot_streams_in_chunks_and_arrives_whole()
    {
        var network = new InMemoryNetwork();
        await using var a = network.Connect(1);
        await using var b = network.Connect(2);
        var install = new Message(MessageType.InstallSnapshot, 1, 2, 3) { Snapshot = new SnapshotMetadata(7, 3, new ConfigState([1, 2], []), 0) };
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        Assert.Equal(SnapshotStatus.Finished, await a.SendSnapshotAsync(2, install, new MemoryStream(data), 512));
        var received = await b.Inbound.ReadAsync();
        Assert.Equal(install.Snapshot, received.Message.Snapshot);
        using var copy = new MemoryStream();
        await received.SnapshotData!.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());

        network.Cut(1, 2);
        Assert.Equal(SnapshotStatus.Failed, await a.SendSnapshotAsync(2, install, new MemoryStream(data), 512));
    }

    [Fact]
    public void Connecting_the_same_id_twice_is_refused()
    {
        var network = new InMemoryNetwork();
        network.Connect(1);

        Assert.Throws<ArgumentException>(() => network.Connect(1));
    }
}
