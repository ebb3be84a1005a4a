using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>Acknowledged appends: never lost, and in real-time order in <see cref="ListAppendChecker"/>.</summary>
internal sealed partial class ListAppendChecker
{
    private sealed partial class KeyList
    {
        private KeyFinding? AcknowledgedAppendViolation()
        {
            var readCalls = Reads.Select(r => r.Op.Call).ToArray();
            // Shortest read among those that began at or after index i (reads are sorted by call).
            var shortestFrom = new int[Reads.Count + 1];
            shortestFrom[Reads.Count] = int.MaxValue;
            for (var i = Reads.Count - 1; i >= 0; i--)
            {
                shortestFrom[i] = Math.Min(shortestFrom[i + 1], Reads[i].Elements.Count);
            }

            // Latest invocation among the appends of the longest read's first j+1 elements.
            var invokedBy = new long[_longest.Elements.Count];
            for (var j = 0; j < invokedBy.Length; j++)
            {
                var invoked = _appends[_longest.Elements[j]].Min(a => a.Call);
                invokedBy[j] = j == 0 ? invoked : Math.Max(invokedBy[j - 1], invoked);
            }

            foreach (var append in _appends.SelectMany(g => g).Where(a => a.IsOk).OrderBy(a => a.Return))
            {
                var acknowledged = append.Return!.Value;
                var position = _position.TryGetValue(append.Value!, out var p) ? p : int.MaxValue;
                var firstLaterRead = UpperBound(readCalls, acknowledged);
                if (firstLaterRead < Reads.Count && position >= shortestFrom[firstLaterRead])
                {
                    var missing = Reads.Skip(firstLaterRead).First(r => r.Elements.Count <= position);
                    return KeyFinding.Invalid(
                        $"acknowledged append \"{append.Value}\" ({OperationText.Describe(append)}) is missing from {OperationText.Describe(missing.Op)}, which began after it returned: a lost write",
                        [append, missing.Op]);
                }

                var firstLaterAppend = UpperBound(invokedBy, acknowledged);
                if (firstLaterAppend < invokedBy.Length && position >= firstLaterAppend)
                {
                    var later = _longest.Elements[firstLaterAppend];
                    var laterAppend = _appends[later].Where(a => a.Call > acknowledged).MinBy(a => a.Call) ?? _appends[later].First();
                    var where = position == int.MaxValue ? "is missing before it" : string.Create(CultureInfo.InvariantCulture, $"comes after it (position {position} > {firstLaterAppend})");
                    return KeyFinding.Invalid(
                        $"append \"{append.Value}\" was acknowledged ({OperationText.Describe(append)}) before \"{later}\" was invoked ({OperationText.Describe(laterAppend)}), yet {where} in {OperationText.Describe(_longest.Op)}",
                        [append, laterAppend, _longest.Op]);
                }
            }

            return null;
        }

        // Index of the first element strictly greater than the bound in a non-decreasing array.
        private static int UpperBound(long[] sorted, long bound)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (sorted[middle] <= bound)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
