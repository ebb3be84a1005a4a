using RaftTower.Protocol.Grpc;

namespace RaftTower.Protocol.Tests;

public class GrpcStatusMessageTests
{
    [Fact]
    public void Non_ascii_and_percent_are_escaped_as_grpc_js_expects()
    {
        Assert.Equal("na%C3%AFve 100%25 %E2%9C%93", GrpcStatusMessage.Encode("naïve 100% ✓"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("ключ не найден 🔑")]
    [InlineData("100% sure")]
    public void Decode_inverts_encode(string message)
    {
        var encoded = GrpcStatusMessage.Encode(message);

        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, GrpcStatusMessage.Decode(encoded));
    }

    [Fact]
    public void Malformed_escapes_are_kept_verbatim() => Assert.Equal("50%zz %", GrpcStatusMessage.Decode("50%zz %"));

    [Theory]
    [InlineData(404, GrpcStatusCode.Unimplemented)]
    [InlineData(503, GrpcStatusCode.Unavailable)]
    [InlineData(500, GrpcStatusCode.Unknown)]
    [InlineData(400, GrpcStatusCode.Internal)]
    public void Http_statuses_map_to_grpc_codes(int http, GrpcStatusCode expected) =>
        Assert.Equal(expected, GrpcStatusMessage.FromHttpStatus(http));
}
