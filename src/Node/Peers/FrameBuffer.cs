using System.Buffers;

namespace RaftTower.Node.Peers;

/// <summary>
/// A growable buffer that one frame is encoded into, with the header's bytes reserved up front and filled in last,
/// so a whole frame goes out in one write.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Starts a frame: clears the buffer and reserves its header.</summary>
    public void BeginFrame()
    {
        _written = PeerFrame.HeaderBytes;
    }

    /// <summary>Completes the frame started by <see cref="BeginFrame"/>.</summary>
    public void EndFrame(PeerFrameKind kind) => PeerFrame.WriteHeader(_buffer, kind, _written - PeerFrame.HeaderBytes);

    /// <summary>Reserves 4 bytes for a length (or count) filled in later; returns their position.</summary>
    public int BeginLength()
    {
        var position = _written;
        GetSpan(4);
        _written += 4;
        return position;
    }

    /// <summary>Writes the number of bytes written since <see cref="BeginLength"/> at <paramref name="position"/>.</summary>
    public void EndLength(int position) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(position), (uint)(_written - position - 4));

    /// <summary>The written bytes from <paramref name="position"/> on, writable (to patch a count in place).</summary>
    public Span<byte> GetSpanAt(int position) => _buffer.AsSpan(position, _written - position);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
