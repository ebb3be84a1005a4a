using System.Globalization;
using System.Text;
using Google.Protobuf;
using RaftTower.Bench.Etcd;
using RaftTower.Protocol.Grpc;

namespace RaftTower.Bench.Load;

/// <summary>
/// etcd v3 through its KV gRPC API over the same h2c framing as RaftTower's client (<see cref="GrpcChannel"/>).
/// Clients are spread round-robin over the endpoints, as etcd's clientv3 balancer does; Range is linearizable
/// (serializable = false). With <c>--connections</c> C, calls rotate over C channels (C connection pools). etcd has no atomic add, so hot-add is the read + compare-and-swap Txn loop an etcd user writes.
/// </summary>
internal sealed class EtcdDriver(IReadOnlyList<Uri> endpoints, int connections) : IBenchDriver
{
    private readonly GrpcChannel[] _channels = Enumerable.Range(0, connections).Select(_ => new GrpcChannel()).ToArray();
    private int _next;
    private int _nextChannel;

    public string Name => "etcd";

    public async Task PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        var request = new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFrom(value) };
        await Channel().CallAsync(Pick(), "/etcdserverpb.KV/Put", request, PutResponse.Parser, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task GetAsync(string key, CancellationToken cancellationToken)
    {
        var request = new RangeRequest { Key = ByteString.CopyFromUtf8(key) };
        await Channel().CallAsync(Pick(), "/etcdserverpb.KV/Range", request, RangeResponse.Parser, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(string key, long delta, CancellationToken cancellationToken)
    {
        var keyBytes = ByteString.CopyFromUtf8(key);
        while (true)
        {
            var endpoint = Pick();
            var channel = Channel();
            var current = await channel.CallAsync(endpoint, "/etcdserverpb.KV/Range", new RangeRequest { Key = keyBytes }, RangeResponse.Parser, null, cancellationToken)
                .ConfigureAwait(false);
            var kv = current.Kvs.Count > 0 ? current.Kvs[0] : null;
            var value = kv is null ? 0 : long.Parse(kv.Value.ToStringUtf8(), CultureInfo.InvariantCulture);
            var next = ByteString.CopyFrom(Encoding.UTF8.GetBytes((value + delta).ToString(CultureInfo.InvariantCulture)));
            var txn = new TxnRequest
            {
                Compare = { new Compare { Result = 0, Target = 2, Key = keyBytes, ModRevision = kv?.ModRevision ?? 0 } },
                Success = { new RequestOp { RequestPut = new PutRequest { Key = keyBytes, Value = next } } },
            };
            var reply = await channel.CallAsync(endpoint, "/etcdserverpb.KV/Txn", txn, TxnResponse.Parser, null, cancellationToken).ConfigureAwait(false);
            if (reply.Succeeded)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private GrpcChannel Channel() => _channels[(int)((uint)Interlocked.Increment(ref _nextChannel) % (uint)_channels.Length)];

    private Uri Pick() => endpoints[(int)((uint)Interlocked.Increment(ref _next) % (uint)endpoints.Count)];
}
