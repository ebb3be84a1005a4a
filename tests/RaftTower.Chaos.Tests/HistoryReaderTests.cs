using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class HistoryReaderTests
{
    [Fact]
    public void Written_history_reads_back_field_for_field()
    {
        Operation[] history =
        [
            Ops.Put(1, "v1", 10, 20),
            Ops.Cas(2, null, "v2", ok: false, 15, 30),
            Ops.Get(3, null, 40, 50),
            Ops.Add(4, -3, 60, null),
            Ops.SetRead(5, ["a", "b\"quoted\""], 70, 80),
        ];

        var text = HistoryWriter.ToText(history);
        var read = HistoryReader.Read(new StringReader(text));

        Assert.Equal(history, read);
        Assert.Equal(5, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Blank_lines_are_ignored_and_meta_is_kept()
    {
        const string text = "\n{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"output\":\"x\",\"ok\":true,\"call\":1,\"return\":2,\"meta\":{\"node\":\"n1\"}}\n   \n";

        var read = HistoryReader.Read(new StringReader(text));

        var op = Assert.Single(read);
        Assert.Equal("x", op.Output);
        Assert.Equal("n1", op.Meta!.Value.GetProperty("node").GetString());
    }

    [Theory]
    [InlineData("{\"op\":\"get\",\"key\":\"k\",\"ok\":true,\"call\":1,\"return\":2}", "required field 'client'")]
    [InlineData("{\"client\":1,\"op\":\"scan\",\"key\":\"k\",\"ok\":true,\"call\":1,\"return\":2}", "unknown op 'scan'")]
    [InlineData("{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"call\":1,\"return\":2}", "'ok' is required")]
    [InlineData("{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"ok\":false,\"call\":1,\"return\":null}", "'ok' must be null")]
    [InlineData("{\"client\":1,\"op\":\"add\",\"key\":\"k\",\"value\":\"five\",\"ok\":true,\"call\":1,\"return\":2}", "decimal int64 delta")]
    [InlineData("{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"ok\":true,\"call\":5,\"return\":2}", "before 'call'")]
    [InlineData("{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"ok\":true,\"call\":1.5,\"return\":2}", "JSON integer")]
    [InlineData("{\"client\":1,\"op\":\"get\",\"key\":\"k\",\"ok\":true,\"call\":1,\"return\":2,\"node\":\"n1\"}", "unknown field 'node'")]
    [InlineData("{\"client\":1,\"op\":\"lrange\",\"key\":\"k\",\"output\":\"[1,2]\",\"ok\":true,\"call\":1,\"return\":2}", "JSON array of strings")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"client\":1,", "not valid JSON")]
    public void Bad_line_is_rejected_with_its_line_number(string badLine, string reason)
    {
        var text = "{\"client\":1,\"op\":\"put\",\"key\":\"k\",\"value\":\"v\",\"ok\":true,\"call\":1,\"return\":2}\n\n" + badLine + "\n";

        var error = Assert.Throws<HistoryFormatException>(() => HistoryReader.Read(new StringReader(text)));

        Assert.Equal(3, error.Line);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
