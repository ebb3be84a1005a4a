namespace RaftTower.Raft.Storage.Wal;

/// <summary>A torn tail found and cut off at open: what a crash in the middle of a write leaves behind.</summary>
/// <param name="SegmentPath">The last segment file, which was truncated.</param>
/// <param name="Offset">The byte offset it was truncated to: the end of its last valid record.</param>
/// <param name="BytesDropped">How many bytes were cut off.</param>
/// <param name="Reason">What was wrong with the cut-off bytes.</param>
public sealed record WalTailRepair(string SegmentPath, long Offset, long BytesDropped, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"WAL torn tail repaired: '{SegmentPath}' truncated to byte offset {Offset} ({BytesDropped} bytes dropped: {Reason}).";
}
