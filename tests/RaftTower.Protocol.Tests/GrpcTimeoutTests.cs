using RaftTower.Protocol.Grpc;

namespace RaftTower.Protocol.Tests;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1500m", 1500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("720000S", 720000 * TimeSpan.TicksPerSecond)]
    [InlineData("2H", 2 * TimeSpan.TicksPerHour)]
    [InlineData("3M", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("250u", 250 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1000n", 10)]
    public void Valid_header_values_parse(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5m")]
    [InlineData("123456789m")]
    [InlineData("1 m")]
    public void Invalid_header_values_are_refused(string? value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(1)]
    [InlineData(TimeSpan.TicksPerMillisecond * 1500)]
    [InlineData(TimeSpan.TicksPerDay * 30)]
    [InlineData(TimeSpan.TicksPerDay * 365 * 100)]
    public void Formatted_timeouts_parse_back_to_at_least_the_original(long ticks)
    {
        var text = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.True(text.Length <= 9, text);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed), text);
        Assert.True(parsed.Ticks >= ticks, $"{text} -> {parsed.Ticks} < {ticks}");
    }
}
