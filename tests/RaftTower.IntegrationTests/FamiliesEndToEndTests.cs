using System.Numerics;
using RaftTower.Client;
using RaftTower.Testing;

namespace RaftTower.IntegrationTests;

/// <summary>Every operation family of SPEC §3 through TowerClient against real node processes.</summary>
public sealed class FamiliesEndToEndTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Keys_strings_and_ttl_round_trip()
    {
        await using var client = Cluster.CreateClient();
        await client.SetStringAsync("e2e:s", "héllo");
        Assert.Equal("héllo wörld", await client.AppendStringAsync("e2e:s", " wörld"));
        Assert.Equal("HÉLLO WÖRLD", await client.UpperStringAsync("e2e:s"));
        Assert.True(await client.CompareAndSetStringAsync("e2e:s", "HÉLLO WÖRLD", "x"));
        Assert.False(await client.CompareAndSetStringAsync("e2e:s", "nope", "y"));
        Assert.Equal("x", await client.GetStringAsync("e2e:s"));
        Assert.Equal(TowerType.String, await client.TypeOfAsync("e2e:s"));
        Assert.True(await client.SetTtlAsync("e2e:s", TimeSpan.FromHours(1)));
        var ttl = await client.GetTtlAsync("e2e:s");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.True(await client.DeleteAsync("e2e:s"));
        Assert.False(await client.ExistsAsync("e2e:s"));
        Assert.Null(await client.GetStringAsync("e2e:s"));
    }

    [Fact]
    public async Task Expired_keys_disappear_through_the_leaders_expirer()
    {
        await using var client = Cluster.CreateClient();
        await client.SetIntAsync("e2e:ttl", 5);
        Assert.True(await client.SetTtlAsync("e2e:ttl", TimeSpan.FromMilliseconds(300)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await client.ExistsAsync("e2e:ttl") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(await client.ExistsAsync("e2e:ttl"));
        Assert.Null(await client.GetIntAsync("e2e:ttl"));
    }

    [Fact]
    public async Task Numbers_of_every_kind_with_their_errors()
    {
        await using var client = Cluster.CreateClient();
        Assert.Equal(5, await client.AddIntAsync("e2e:i", 5));
        Assert.Equal(15, await client.MulIntAsync("e2e:i", 3));
        var overflow = await Assert.ThrowsAnyAsync<TowerException>(() => client.AddIntAsync("e2e:i", long.MaxValue));
        Assert.Equal(TowerErrorCode.Overflow, overflow.Code);
        var divide = await Assert.ThrowsAnyAsync<TowerException>(() => client.DivIntAsync("e2e:i", 0));
        Assert.Equal(TowerErrorCode.DivideByZero, divide.Code);
        Assert.Equal(15, await client.GetIntAsync("e2e:i"));
        Assert.Equal(2.5, await client.AddFloatAsync("e2e:f", 2.5));
        var big = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        await client.SetBigIntAsync("e2e:b", big);
        Assert.Equal(big * 2, await client.MulBigIntAsync("e2e:b", 2));
        var sum = await client.AddDecimalAsync("e2e:d", 125, 2);
        Assert.Equal(new TowerDecimal(125, 2), sum);
        var wrongType = await Assert.ThrowsAnyAsync<TowerException>(() => client.AddIntAsync("e2e:f", 1));
        Assert.Equal(TowerErrorCode.WrongType, wrongType.Code);
    }

    [Fact]
    public async Task Bools_timestamps_durations_uuids_and_binary()
    {
        await using var client = Cluster.CreateClient();
        await client.SetBoolAsync("e2e:bool-a", true);
        await client.SetBoolAsync("e2e:bool-b", false);
        Assert.False(await client.AndBoolAsync("e2e:bool-c", "e2e:bool-a", "e2e:bool-b"));
        Assert.True(await client.ToggleBoolAsync("e2e:bool-c"));
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7);
        await client.SetTimestampAsync("e2e:t", at);
        Assert.Equal(at.AddHours(1), await client.AddTimestampAsync("e2e:t", TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(3), await client.AddDurationAsync("e2e:du", TimeSpan.FromSeconds(3)));
        var generated = await client.GenerateUuidAsync("e2e:u");
        Assert.Equal(generated, await client.GetUuidAsync("e2e:u"));
        await client.SetBinaryAsync("e2e:bin", new byte[] { 1, 2 });
        Assert.Equal(4, await client.AppendBinaryAsync("e2e:bin", new byte[] { 3, 4 }));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, await client.GetBinaryAsync("e2e:bin"));
    }

    [Fact]
    public async Task Collections_lists_maps_sets_time_series_and_bloom_filters()
    {
        await using var client = Cluster.CreateClient();
        Assert.Equal(1, await client.PushRightAsync("e2e:l", "a"));
        Assert.Equal(2, await client.PushRightAsync("e2e:l", 42L));
        Assert.Equal(3, await client.PushLeftAsync("e2e:l", true));
        Assert.Equal([(TowerValue)true, "a", 42L], await client.ListRangeAsync("e2e:l", 0, -1));
        Assert.Equal((TowerValue)42L, await client.ListIndexAsync("e2e:l", -1));
        Assert.Equal((TowerValue)true, await client.PopLeftAsync("e2e:l"));

        await client.MapSetAsync("e2e:m", "42", "string field");
        await client.MapSetAsync("e2e:m", 42L, "int field");
        Assert.Equal(2, await client.MapLengthAsync("e2e:m"));
        Assert.Equal((TowerValue)"int field", await client.MapGetAsync("e2e:m", 42L));

        Assert.Equal(1, await client.SetAddAsync("e2e:set", "x"));
        Assert.Equal(1, await client.SetAddAsync("e2e:set", "x"));
        Assert.Equal(2, await client.SetAddAsync("e2e:set", "y"));
        Assert.Equal(["x", "y"], (await client.SetMembersAsync("e2e:set")).Order(StringComparer.Ordinal));

        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await client.TimeSeriesAddAsync("e2e:ts", t0.AddMinutes(2), 2.0);
        await client.TimeSeriesAddAsync("e2e:ts", t0, 0.0);
        await client.TimeSeriesAddAsync("e2e:ts", t0.AddMinutes(1), 1.0);
        var range = await client.TimeSeriesRangeAsync("e2e:ts", t0, t0.AddMinutes(1));
        Assert.Equal([t0, t0.AddMinutes(1)], range.Select(p => p.Timestamp));

        await client.CreateBloomFilterAsync("e2e:bf");
        await client.BloomFilterAddAsync("e2e:bf", "apple");
        Assert.True(await client.BloomFilterContainsAsync("e2e:bf", "apple"));
        Assert.Equal(1, await client.BloomFilterCountAsync("e2e:bf"));
    }

    [Fact]
    public async Task Cluster_status_names_the_leader_and_three_voters()
    {
        await using var client = Cluster.CreateClient();
        var status = await client.GetClusterStatusAsync();
        Assert.NotEqual(0UL, status.LeaderId);
        Assert.Equal(3, status.Members.Count);
    }
}
