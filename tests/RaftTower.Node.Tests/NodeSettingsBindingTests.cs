using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RaftTower.Node.Configuration;
using RaftTower.Node.Hosting;

namespace RaftTower.Node.Tests;

/// <summary>Settings of the wrong kind are reported as invalid configuration (exit code 2), not as a crash.</summary>
public class NodeSettingsBindingTests
{
    private static NodeOptions Bind(params string[] args) =>
        NodeHost.Bind(new ConfigurationBuilder().AddCommandLine(args, CommandLineSwitches.Mappings).Build());

    [Theory]
    [InlineData("--sync-mode", "Maybe")]
    [InlineData("--heartbeat-ms", "fast")]
    [InlineData("--election-timeout-ms", "soon")]
    [InlineData("--memory-budget", "-1x")]
    public void A_value_of_the_wrong_kind_names_its_switch_and_value(string option, string value)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Bind("--id", "1", option, value));

        var failure = Assert.Single(e.Failures);
        Assert.StartsWith(option + ":", failure, StringComparison.Ordinal);
        Assert.Contains(value, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_the_right_kind_bind()
    {
        var options = Bind("--id", "7", "--sync-mode", "None", "--heartbeat-ms", "50");

        Assert.Equal(7UL, options.Id);
        Assert.Equal(SyncMode.None, options.SyncMode);
        Assert.Equal(50, options.HeartbeatIntervalMs);
    }
}
