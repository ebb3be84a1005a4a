using RaftTower.Node.Configuration;

namespace RaftTower.Node.Tests;

public class CommandLineSwitchesTests
{
    [Fact]
    public void Known_switches_with_values_are_accepted() =>
        Assert.Empty(CommandLineSwitches.Unknown(["--id", "1", "--data-dir", "d", "--members", "1=a:1"]));

    [Fact]
    public void Unknown_switches_and_stray_values_are_reported() =>
        Assert.Equal(["--nope", "stray"], CommandLineSwitches.Unknown(["--id", "1", "--nope", "stray"]));

    [Fact]
    public void A_switch_without_its_value_is_reported() => Assert.Equal(["--id"], CommandLineSwitches.Unknown(["--id"]));
}
