using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers;

/// <summary>
/// An Elle-style check of list-append (lpush = PushRight, lrange = read the whole list) on one list per
/// key. Appends of unique elements make every read reveal the order of all earlier appends, so: every
/// read is a prefix of one order (the longest read); no element appears more often than it was appended;
/// nothing appears that was not appended by the time the read returned; no read is shorter than a read
/// that finished before it began; no acknowledged append is missing from a read that began after it
/// returned; and an append acknowledged before another was invoked comes before it.
/// </summary>
internal sealed partial class ListAppendChecker : IChecker
{
    /// <inheritdoc />
    public string Name => "list-append";

    /// <inheritdoc />
    public bool AppliesTo(IReadOnlyList<Operation> history) => history.Any(o => o.Kind == OpKind.ListPush);

    /// <inheritdoc />
    public Verdict Check(IReadOnlyList<Operation> history)
    {
        var relevant = history.Where(o => o.Kind is OpKind.ListPush or OpKind.ListRange).ToList();
        var summaries = new List<string>();
        foreach (var key in relevant.GroupBy(o => o.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = new KeyList(key.Key, [.. key]);
            if (list.Reads.Count == 0)
            {
                return Verdict.Unknown(Name, relevant.Count, $"key \"{key.Key}\" has appends but no successful read, so nothing can be said of it");
            }

            var violation = list.FindViolation();
            if (violation is not null)
            {
                return Verdict.Invalid(Name, relevant.Count, $"key \"{key.Key}\": {violation.Value.Explanation}", [.. violation.Value.Slice.Distinct().OrderBy(o => o.Call)]);
            }

            summaries.Add(list.Summary());
        }

        return Verdict.Valid(Name, relevant.Count, string.Join("; ", summaries));
    }
}
