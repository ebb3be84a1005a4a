using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// Prefix sums over one key's adds, answering "what could the counter be during this read" in
/// O(log n): certain = acknowledged adds that returned before the read's call; possible = every other
/// add (acknowledged or indeterminate) called by the read's return. Sums are 128-bit, so no delta overflows them.
/// </summary>
internal sealed class CounterBounds
{
    private readonly Operation[] _byCall;
    private readonly long[] _calls;
    private readonly Int128[] _negativeByCall;
    private readonly Int128[] _positiveByCall;
    private readonly long[] _returns;
    private readonly Int128[] _sumByReturn;
    private readonly Int128[] _negativeByReturn;
    private readonly Int128[] _positiveByReturn;

    public CounterBounds(IReadOnlyList<Operation> operations)
    {
        // An add that completed with ok=false certainly did nothing.
        _byCall = [.. operations.Where(o => o.Kind == OpKind.Add && !o.IsFailed).OrderBy(o => o.Call)];
        _calls = [.. _byCall.Select(o => o.Call)];
        _negativeByCall = PrefixSums(_byCall, d => Int128.Min(0, d));
        _positiveByCall = PrefixSums(_byCall, d => Int128.Max(0, d));

        var acknowledged = _byCall.Where(o => o.IsOk).OrderBy(o => o.Return).ToArray();
        _returns = [.. acknowledged.Select(o => o.Return!.Value)];
        _sumByReturn = PrefixSums(acknowledged, d => d);
        _negativeByReturn = PrefixSums(acknowledged, d => Int128.Min(0, d));
        _positiveByReturn = PrefixSums(acknowledged, d => Int128.Max(0, d));
    }

    /// <summary>The range of values the read may observe (for an add that reported its result: the value just after it).</summary>
    public (Int128 Lower, Int128 Upper) At(Operation read)
    {
        var certain = CountBelow(_returns, read.Call);
        var possible = CountAtOrBelow(_calls, read.Return ?? long.MaxValue);
        var lower = _sumByReturn[certain] + (_negativeByCall[possible] - _negativeByReturn[certain]);
        var upper = _sumByReturn[certain] + (_positiveByCall[possible] - _positiveByReturn[certain]);
        if (read.Kind == OpKind.Add)
        {
            // The read is this add's own result: it certainly counts, so swap its "maybe" for "surely".
            var delta = Delta(read);
            lower += delta - Int128.Min(0, delta);
            upper += delta - Int128.Max(0, delta);
        }

        return (lower, upper);
    }

    /// <summary>The range the counter may end at: acknowledged adds certainly, indeterminate ones maybe.</summary>
    public (Int128 Lower, Int128 Upper) Final()
    {
        var certain = _sumByReturn[^1];
        var indeterminate = _byCall.Where(o => o.IsIndeterminate).Select(Delta).ToArray();
        return (certain + indeterminate.Aggregate(Int128.Zero, (s, d) => s + Int128.Min(0, d)),
                certain + indeterminate.Aggregate(Int128.Zero, (s, d) => s + Int128.Max(0, d)));
    }

    /// <summary>The adds whose effect on the read is uncertain (for failing slices).</summary>
    public IEnumerable<Operation> Concurrent(Operation read) =>
        _byCall.Where(o => !ReferenceEquals(o, read) && o.Call <= (read.Return ?? long.MaxValue) && !(o.IsOk && o.Return < read.Call));

    private static Int128 Delta(Operation add) => long.Parse(add.Value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static Int128[] PrefixSums(Operation[] adds, Func<Int128, Int128> part)
    {
        var sums = new Int128[adds.Length + 1];
        for (var i = 0; i < adds.Length; i++)
        {
            sums[i + 1] = sums[i] + part(Delta(adds[i]));
        }

        return sums;
    }

    private static int CountBelow(long[] sorted, long bound)
    {
        var index = Array.BinarySearch(sorted, bound);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == bound)
        {
            index--;
        }

        return index;
    }

    private static int CountAtOrBelow(long[] sorted, long bound) => bound == long.MaxValue ? sorted.Length : CountBelow(sorted, bound + 1);
}
