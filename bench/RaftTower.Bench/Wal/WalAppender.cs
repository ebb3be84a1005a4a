using RaftTower.Raft.Core;
using RaftTower.Raft.Storage.Wal;

namespace RaftTower.Bench.Wal;

/// <summary>One benchmark operation: Append(a batch of fresh entries) + Sync() on a <see cref="SegmentedLog"/>: one write and one fsync.</summary>
internal sealed class WalAppender : IDisposable
{
    private readonly SegmentedLog _log;
    private readonly Entry[] _batch;
    private readonly byte[] _data;
    private long _next = 1;

    public WalAppender(string directory, int batchSize, int entryBytes)
    {
        _log = SegmentedLog.Open(directory);
        _log.SetHardState(new HardState(1, 1, 0));
        _log.Sync();
        _batch = new Entry[batchSize];
        _data = new byte[entryBytes];
        _data.AsSpan().Fill(0x5A);
    }

    public void AppendAndSync()
    {
        for (var i = 0; i < _batch.Length; i++)
        {
            _batch[i] = new Entry(_next + i, 1, EntryType.Normal, _next + i, _data);
        }

        _log.Append(_batch);
        _log.Sync();
        _next += _batch.Length;
    }

    public void Dispose() => _log.Dispose();
}
