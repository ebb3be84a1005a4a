namespace RaftTower.Raft.Core.Internal;

/// <summary>The append messages in flight to one follower (last index and bytes of each), bounding the pipeline.</summary>
internal sealed class Inflights(int maxMessages, long maxBytes)
{
    private readonly Queue<(long Index, long Bytes)> _queue = new();
    private long _bytes;

    public int Count => _queue.Count;

    public bool Full => _queue.Count >= maxMessages || _bytes >= maxBytes;

    public void Add(long index, long bytes)
    {
        _queue.Enqueue((index, bytes));
        _bytes += bytes;
    }

    /// <summary>Frees every message whose last index is at or below <paramref name="index"/> (acknowledged).</summary>
    public void FreeLE(long index)
    {
        while (_queue.Count > 0 && _queue.Peek().Index <= index)
        {
            _bytes -= _queue.Dequeue().Bytes;
        }
    }

    /// <summary>Frees the oldest message, so a heartbeat response can unblock a full window whose appends were lost.</summary>
    public void FreeFirst()
    {
        if (_queue.Count > 0)
        {
            _bytes -= _queue.Dequeue().Bytes;
        }
    }

    public void Reset()
    {
        _queue.Clear();
        _bytes = 0;
    }
}
