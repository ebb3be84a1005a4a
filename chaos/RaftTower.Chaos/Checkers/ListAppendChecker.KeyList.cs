using System.Globalization;
using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>The per-key analysis of <see cref="ListAppendChecker"/>.</summary>
internal sealed partial class ListAppendChecker
{
    private readonly record struct ListRead(Operation Op, IReadOnlyList<string> Elements);

    private sealed partial class KeyList
    {
        private readonly ILookup<string, Operation> _appends;
        private readonly ILookup<string, Operation> _failedAppends;
        private readonly ListRead _longest;
        private readonly Dictionary<string, int> _position = new(StringComparer.Ordinal);

        public KeyList(List<Operation> operations)
        {
            _appends = operations.Where(o => o.Kind == OpKind.ListPush && !o.IsFailed).ToLookup(o => o.Value!, StringComparer.Ordinal);
            _failedAppends = operations.Where(o => o.Kind == OpKind.ListPush && o.IsFailed).ToLookup(o => o.Value!, StringComparer.Ordinal);
            Reads = [.. operations.Where(o => o.Kind == OpKind.ListRange && o.IsOk).Select(o => new ListRead(o, ElementList.Parse(o.Output))).OrderBy(r => r.Op.Call)];
            _longest = Reads.Count == 0 ? default : Reads.MaxBy(r => r.Elements.Count);
            for (var i = Reads.Count == 0 ? 0 : _longest.Elements.Count - 1; i >= 0 && Reads.Count > 0; i--)
            {
                _position[_longest.Elements[i]] = i;
            }
        }

        public List<ListRead> Reads { get; }

        public KeyFinding? FindViolation() =>
            Reads.Select(ContentViolation).FirstOrDefault(v => v is not null)
            ?? Reads.Select(PrefixViolation).FirstOrDefault(v => v is not null)
            ?? ShrinkingReadViolation()
            ?? AcknowledgedAppendViolation();

        public string Summary()
        {
            var acknowledged = _appends.Count(g => g.Any(a => a.IsOk));
            return string.Create(CultureInfo.InvariantCulture,
                $"{Reads.Count} reads all prefixes of one order of {_longest.Elements.Count} elements; {acknowledged} acknowledged appends in place");
        }

        // Duplicates, and elements that were never appended (or not yet) when the read returned.
        private KeyFinding? ContentViolation(ListRead read)
        {
            foreach (var group in read.Elements.GroupBy(e => e, StringComparer.Ordinal))
            {
                var attempts = _appends[group.Key].Where(a => a.Call <= read.Op.Return).ToList();
                if (attempts.Count == 0)
                {
                    var why = _failedAppends[group.Key].Any() ? "whose only appends failed"
                        : _appends[group.Key].Any() ? "before its append was invoked"
                        : "that was never appended";
                    return KeyFinding.Invalid($"read {OperationText.Describe(read.Op)} holds \"{group.Key}\", {why}",
                        _appends[group.Key].Concat(_failedAppends[group.Key]).Append(read.Op));
                }

                if (group.Count() > attempts.Count)
                {
                    return KeyFinding.Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"read {OperationText.Describe(read.Op)} holds \"{group.Key}\" {group.Count()} times, but it was appended {attempts.Count} time(s): a duplicated append"),
                        attempts.Append(read.Op));
                }
            }

            return null;
        }

        private KeyFinding? PrefixViolation(ListRead read)
        {
            for (var i = 0; i < read.Elements.Count; i++)
            {
                if (!string.Equals(read.Elements[i], _longest.Elements[i], StringComparison.Ordinal))
                {
                    return KeyFinding.Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"reads disagree on the order: position {i} is \"{read.Elements[i]}\" in {OperationText.Describe(read.Op)} but \"{_longest.Elements[i]}\" in {OperationText.Describe(_longest.Op)}"),
                        [read.Op, _longest.Op, .. _appends[read.Elements[i]], .. _appends[_longest.Elements[i]]]);
                }
            }

            return null;
        }

        // A read that began after another read returned must see at least as much (reads are prefixes of one order).
        private KeyFinding? ShrinkingReadViolation()
        {
            var byReturn = Reads.OrderBy(r => r.Op.Return).ToList();
            var finished = 0;
            ListRead? longestFinished = null;
            foreach (var read in Reads)
            {
                while (finished < byReturn.Count && byReturn[finished].Op.Return < read.Op.Call)
                {
                    if (longestFinished is null || byReturn[finished].Elements.Count > longestFinished.Value.Elements.Count)
                    {
                        longestFinished = byReturn[finished];
                    }

                    finished++;
                }

                if (longestFinished is { } earlier && earlier.Elements.Count > read.Elements.Count)
                {
                    var lost = earlier.Elements[read.Elements.Count];
                    return KeyFinding.Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"\"{lost}\" was lost: {OperationText.Describe(earlier.Op)} saw {earlier.Elements.Count} elements, then {OperationText.Describe(read.Op)} began later and saw only {read.Elements.Count}"),
                        [earlier.Op, read.Op, .. _appends[lost]]);
                }
            }

            return null;
        }
    }
}
