using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Tests;

public class HistoryRecorderTests
{
    [Fact]
    public void Completed_failed_and_timed_out_operations_are_recorded_with_their_outcomes()
    {
        long now = 0;
        var recorder = new HistoryRecorder(() => now += 10);

        var put = recorder.Invoke(1, OpKind.Put, "k", "v");
        var cas = recorder.Invoke(2, OpKind.Cas, "k", "w", expected: "x");
        var get = recorder.Invoke(3, OpKind.Get, "k");
        recorder.Complete(put, ok: true);
        recorder.Complete(cas, ok: false);
        recorder.Indeterminate(get);

        var history = recorder.Snapshot();
        Assert.Equal([Ops.Put(1, "v", 10, 40), Ops.Cas(2, "x", "w", ok: false, 20, 50), Ops.Get(3, null, 30, null)], history);
    }

    [Fact]
    public void Operations_still_open_at_the_end_are_written_indeterminate()
    {
        long now = 0;
        var recorder = new HistoryRecorder(() => ++now);
        recorder.Invoke(1, OpKind.Append, "k", "x");
        var path = Path.GetTempFileName();
        try
        {
            recorder.WriteTo(path);

            var op = Assert.Single(HistoryReader.ReadFile(path));
            Assert.True(op.IsIndeterminate);
            Assert.Null(op.Ok);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Completing_an_operation_twice_is_a_broken_contract()
    {
        var recorder = new HistoryRecorder();
        var handle = recorder.Invoke(1, OpKind.Get, "k");
        recorder.Complete(handle, ok: true, "v");

        Assert.Throws<InvalidOperationException>(() => recorder.Complete(handle, ok: true, "v"));
        Assert.Single(recorder.Snapshot());
    }

    [Fact]
    public void Concurrent_workers_lose_no_operation()
    {
        var recorder = new HistoryRecorder();

        Parallel.For(0, 2000, i =>
        {
            var handle = recorder.Invoke(i % 8, OpKind.Add, "c", "1");
            if (i % 3 == 0)
            {
                recorder.Indeterminate(handle);
            }
            else
            {
                recorder.Complete(handle, ok: true);
            }
        });

        var history = recorder.Snapshot();
        Assert.Equal(2000, history.Count);
        Assert.Equal(667, history.Count(o => o.IsIndeterminate));
        Assert.All(history.Where(o => !o.IsIndeterminate), o => Assert.True(o.Return >= o.Call));
    }
}
