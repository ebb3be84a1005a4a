using RaftTower.Node.Configuration;

namespace RaftTower.Node.Tests;

public class NodeOptionsValidatorTests
{
    private static NodeOptions Valid() => new()
    {
        Id = 1,
        DataDir = "/tmp/x",
        ClientUrl = "http://127.0.0.1:7101",
        PeerUrl = "tcp://127.0.0.1:7201",
        HttpUrl = "http://127.0.0.1:7301",
        Members = "1=127.0.0.1:7201,2=127.0.0.1:7202,3=127.0.0.1:7203",
    };

    [Fact]
    public void Valid_options_pass() => Assert.True(new NodeOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Joining_node_without_members_is_valid() =>
        Assert.True(new NodeOptionsValidator().Validate(null, WithMembers(string.Empty)).Succeeded);

    [Fact]
    public void Every_missing_required_setting_is_reported_at_once()
    {
        var result = new NodeOptionsValidator().Validate(null, new NodeOptions());

        Assert.True(result.Failed);
        var failures = string.Join('\n', result.Failures);
        foreach (var setting in new[] { "--id", "--data-dir", "--client-url", "--http-url", "--peer-url" })
        {
            Assert.Contains(setting, failures, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wildcard_client_listener_needs_an_advertised_url()
    {
        var wildcard = Valid();
        wildcard.ClientUrl = "http://0.0.0.0:7101";
        var result = new NodeOptionsValidator().Validate(null, wildcard);
        Assert.True(result.Failed);
        Assert.Contains("--advertise-client-url", string.Join('\n', result.Failures), StringComparison.Ordinal);

        wildcard.AdvertiseClientUrl = "http://10.0.0.1:7101";
        Assert.True(new NodeOptionsValidator().Validate(null, wildcard).Succeeded);
        Assert.Equal("http://10.0.0.1:7101", wildcard.AdvertisedClientUrl);
    }

    [Theory]
    [InlineData("http://0.0.0.0:7101", "wildcard")]
    [InlineData("tcp://10.0.0.1:7101", "not a http://host:port")]
    public void Bad_advertised_client_url_is_explained(string advertised, string expected)
    {
        var options = Valid();
        options.AdvertiseClientUrl = advertised;
        var result = new NodeOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, string.Join('\n', result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Advertised_client_url_defaults_to_the_listener() => Assert.Equal("http://127.0.0.1:7101", Valid().AdvertisedClientUrl);

    [Theory]
    [InlineData("1=127.0.0.1:7201,1=127.0.0.1:7202", "more than once")]
    [InlineData("2=127.0.0.1:7202,3=127.0.0.1:7203", "does not list this node")]
    [InlineData("1=127.0.0.1:9999", "but --peer-url is")]
    [InlineData("x=127.0.0.1:7201", "invalid id")]
    [InlineData("1=127.0.0.1:0", "invalid address")]
    [InlineData("1127.0.0.1:7201", "id=host:port")]
    public void Bad_member_lists_are_explained(string members, string expected)
    {
        var result = new NodeOptionsValidator().Validate(null, WithMembers(members));

        Assert.True(result.Failed);
        Assert.Contains(expected, string.Join('\n', result.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:7101", "--client-url")]
    [InlineData("http://127.0.0.1:7101/path", "--client-url")]
    [InlineData("not a url", "--client-url")]
    public void Bad_urls_name_the_setting(string clientUrl, string expected)
    {
        var options = Valid();
        options.ClientUrl = clientUrl;

        var result = new NodeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, string.Join('\n', result.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeat_must_be_well_below_the_election_timeout()
    {
        var options = Valid();
        options.HeartbeatIntervalMs = 600;
        options.ElectionTimeoutMs = 1000;

        Assert.Contains("--heartbeat-ms", string.Join("\n", new NodeOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    private static NodeOptions WithMembers(string members)
    {
        var options = Valid();
        options.Members = members;
        return options;
    }
}
