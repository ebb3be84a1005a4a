using System.Buffers.Binary;
using System.Text;
using RaftTower.Chaos.Backends;

namespace RaftTower.Chaos.Tests;

public class DockerLogStreamTests
{
    [Fact]
    public void Stdout_and_stderr_frames_are_joined_in_order_without_their_headers()
    {
        var stream = Concat(Frame(1, "info: started\n"), Frame(2, "warn: slow\n"), Frame(1, "info: leader\n"));
        Assert.Equal("info: started\nwarn: slow\ninfo: leader\n", Text(DockerLogStream.Demultiplex(stream)));
    }

    [Fact]
    public void A_frame_longer_than_the_rest_of_the_stream_keeps_the_bytes_it_has()
    {
        var truncated = Concat(Frame(1, "whole\n"), Frame(1, "cut short"))[..^5];
        Assert.Equal("whole\ncut ", Text(DockerLogStream.Demultiplex(truncated)));
    }

    [Fact]
    public void Empty_frames_and_an_empty_stream_give_nothing()
    {
        Assert.Empty(DockerLogStream.Demultiplex(Frame(1, string.Empty)));
        Assert.Empty(DockerLogStream.Demultiplex([]));
    }

    [Fact]
    public void A_payload_that_looks_like_a_header_is_still_payload()
    {
        var inner = Frame(2, "x");
        var stream = Concat(Frame(1, Encoding.Latin1.GetString(inner)), Frame(1, "y"));
        Assert.Equal(Concat(inner, "y"u8.ToArray()), DockerLogStream.Demultiplex(stream));
    }

    [Fact]
    public void Raw_output_of_a_tty_container_is_returned_as_it_is()
    {
        var raw = Encoding.UTF8.GetBytes("info: no frames here\n");
        Assert.Equal(raw, DockerLogStream.Demultiplex(raw));
    }

    private static byte[] Frame(byte streamType, string payload)
    {
        var bytes = Encoding.Latin1.GetBytes(payload);
        var frame = new byte[8 + bytes.Length];
        frame[0] = streamType;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)bytes.Length);
        bytes.CopyTo(frame, 8);
        return frame;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
