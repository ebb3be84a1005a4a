using System.Diagnostics;

namespace RaftTower.Bench.StateMachine;

/// <summary>Wall-clock and process-CPU time of one measured loop.</summary>
internal readonly struct Timing
{
    private readonly long _startTimestamp;
    private readonly TimeSpan _startCpu;

    private Timing(long startTimestamp, TimeSpan startCpu)
    {
        _startTimestamp = startTimestamp;
        _startCpu = startCpu;
    }

    public static Timing Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);
    }

    /// <summary>Operations per wall-clock second and per CPU second since <see cref="Start"/>.</summary>
    public (double Wall, double Cpu) Rates(int operations)
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _startCpu).TotalSeconds;
        return (operations / wall, operations / Math.Max(cpu, 1e-9));
    }
}
