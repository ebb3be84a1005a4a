using System.Buffers;
using RaftTower.Node.Peers;

namespace RaftTower.Node.Tests;

public class PeerFrameTests
{
    [Fact]
    public void A_frame_is_taken_only_when_complete()
    {
        var frame = new byte[PeerFrame.HeaderBytes + 3];
        PeerFrame.WriteHeader(frame, PeerFrameKind.Batch, 3);
        frame[5] = 1;
        frame[6] = 2;
        frame[7] = 3;

        for (var length = 0; length < frame.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(frame[..length]);
            Assert.False(PeerFrame.TryRead(ref partial, out _, out _));
        }

        var whole = new ReadOnlySequence<byte>([.. frame, 0xFF]);
        Assert.True(PeerFrame.TryRead(ref whole, out var kind, out var payload));
        Assert.Equal(PeerFrameKind.Batch, kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, payload.ToArray());
        Assert.Equal(1, whole.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 1 }, "outside")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 2 }, "outside")]
    [InlineData(new byte[] { 2, 0, 0, 0, 9, 0 }, "unknown frame kind")]
    public void Impossible_headers_close_the_connection(byte[] bytes, string expected)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<PeerProtocolException>(() => PeerFrame.TryRead(ref sequence, out _, out _));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_round_trips_and_a_bad_magic_is_named()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new PeerHello(3, "http://127.0.0.1:7103", "127.0.0.1:7203").Write(buffer);
        Assert.Equal(new PeerHello(3, "http://127.0.0.1:7103", "127.0.0.1:7203"), PeerHello.Read(buffer.WrittenSpan));

        var bad = buffer.WrittenSpan.ToArray();
        bad[0] ^= 0xFF;
        Assert.Contains("bad magic", Assert.Throws<PeerProtocolException>(() => PeerHello.Read(bad)).Message, StringComparison.Ordinal);
    }
}
