using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Apply;

public sealed class SessionTests
{
    private readonly TowerHarness _t = new();
    private static readonly TowerCommand Increment = new(OpCode.IncInt, TowerHarness.Key("n"));

    private long Counter() => _t.Read(OpCode.GetInt, "n").Value.AsInt();

    [Fact]
    public void A_retried_request_returns_the_recorded_result_and_is_not_applied_twice()
    {
        Assert.Equal(1, _t.Write(Increment, client: 7, sequence: 1).Value.AsInt());
        Assert.Equal(1, _t.Write(Increment, client: 7, sequence: 1).Value.AsInt());
        Assert.Equal(1, Counter());
        Assert.Equal(2, _t.Write(Increment, client: 7, sequence: 2).Value.AsInt());
        Assert.Equal(3, _t.Write(Increment, client: 8, sequence: 1).Value.AsInt());
    }

    [Fact]
    public void Pipelined_requests_applied_out_of_order_are_each_applied_once()
    {
        foreach (var sequence in new ulong[] { 3, 1, 2, 1, 3, 5, 4, 2 })
        {
            _t.Write(Increment, client: 1, sequence: sequence);
        }

        Assert.Equal(5, Counter());
    }

    [Fact]
    public void An_error_result_is_recorded_too()
    {
        _t.Ok(OpCode.SetString, "n", "text");
        Assert.Equal(ResultStatus.WrongType, _t.Write(Increment, client: 1, sequence: 1).Status);
        _t.Ok(OpCode.Delete, "n");
        Assert.Equal(ResultStatus.WrongType, _t.Write(Increment, client: 1, sequence: 1).Status);
        Assert.True(_t.Read(OpCode.GetInt, "n").Value.IsNull);
    }

    [Fact]
    public void Results_below_the_watermark_are_dropped_and_a_late_retry_is_stale_not_reapplied()
    {
        for (ulong sequence = 1; sequence <= 40; sequence++)
        {
            _t.Write(Increment, client: 1, sequence: sequence, watermark: sequence);
        }

        var results = _t.Store.EnumerateOrdered().Count(r => r.Key[0] == 0x05);
        Assert.InRange(results, 1, 2);
        Assert.Equal(ResultStatus.StaleSequence, _t.Write(Increment, client: 1, sequence: 3, watermark: 3).Status);
        Assert.Equal(40, Counter());
    }

    [Fact]
    public void A_sequence_beyond_the_pipeline_window_is_refused()
    {
        var t = new TowerHarness(new() { MaxPipelineWindow = 10 });
        t.Write(Increment, client: 1, sequence: 1);
        Assert.Equal(ResultStatus.InvalidArgument, t.Write(Increment, client: 1, sequence: 10, watermark: 0).Status);
        Assert.True(t.Write(Increment, client: 1, sequence: 9, watermark: 0).IsOk);
    }

    [Fact]
    public void Idle_sessions_expire_by_log_time_with_their_results()
    {
        var t = new TowerHarness(new() { SessionTimeout = TimeSpan.FromMinutes(1) });
        t.Write(Increment, client: 1, sequence: 1);
        t.Write(Increment, client: 2, sequence: 1);
        t.Now += TimeSpan.FromSeconds(30).Ticks;
        t.Write(Increment, client: 2, sequence: 2);
        t.Now += TimeSpan.FromSeconds(45).Ticks;
        t.Write(Increment, client: 3, sequence: 1);
        Assert.DoesNotContain(t.Store.EnumerateOrdered(), r => r.Key[0] is 4 or 5 && r.Key[8] == 1);
        Assert.Contains(t.Store.EnumerateOrdered(), r => r.Key[0] == 4 && r.Key[8] == 2);

        // Client 1's session is gone: its old sequence is a new request now (the documented limit of expiry).
        Assert.Equal(5, t.Write(Increment, client: 1, sequence: 1).Value.AsInt());
    }
}
