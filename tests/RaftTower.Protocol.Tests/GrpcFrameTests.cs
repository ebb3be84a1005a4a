using System.Buffers;
using RaftTower.Protocol.Grpc;
using RaftTower.Protocol.V1;

namespace RaftTower.Protocol.Tests;

public class GrpcFrameTests
{
    [Fact]
    public void Written_frame_has_a_big_endian_length_prefix_and_parses_back()
    {
        var request = new ExecuteRequest { Int = new IntOp { Op = IntOpCode.Add, Key = "counter", Operand = 5 } };
        var writer = new ArrayBufferWriter<byte>();
        GrpcFrame.Write(writer, request);
        var bytes = writer.WrittenSpan.ToArray();

        Assert.Equal(0, bytes[0]);
        var length = (bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4];
        Assert.Equal(bytes.Length - GrpcFrame.HeaderSize, length);
        Assert.Equal(bytes, GrpcFrame.ToArray(request));
        Assert.Equal(request, ExecuteRequest.Parser.ParseFrom(bytes.AsSpan(GrpcFrame.HeaderSize)));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, FrameHeaderStatus.Incomplete)]
    [InlineData(new byte[] { 1, 0, 0, 0, 1 }, FrameHeaderStatus.Compressed)]
    [InlineData(new byte[] { 7, 0, 0, 0, 1 }, FrameHeaderStatus.InvalidFlag)]
    [InlineData(new byte[] { 0, 0, 0, 4, 1 }, FrameHeaderStatus.TooLarge)]
    [InlineData(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF }, FrameHeaderStatus.TooLarge)]
    [InlineData(new byte[] { 0, 0, 0, 4, 0 }, FrameHeaderStatus.Ok)]
    public void Header_reader_classifies_every_prefix(byte[] prefix, FrameHeaderStatus expected)
    {
        var status = GrpcFrame.TryReadHeader(new ReadOnlySequence<byte>(prefix), maxMessageSize: 1024, out var length);

        Assert.Equal(expected, status);
        if (expected == FrameHeaderStatus.Ok)
        {
            Assert.Equal(1024, length);
        }
    }
}
