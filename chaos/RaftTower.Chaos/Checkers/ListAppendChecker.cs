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
internal sealed partial class ListAppendChecker : PerKeyChecker
{
    /// <inheritdoc />
    public override string Name => "list-append";

    /// <inheritdoc />
    protected override OpKind WriteKind => OpKind.ListPush;

    /// <inheritdoc />
    protected override OpKind ReadKind => OpKind.ListRange;

    /// <inheritdoc />
    protected override KeyFinding CheckKey(List<Operation> operations)
    {
        var list = new KeyList(operations);
        if (list.Reads.Count == 0)
        {
            return KeyFinding.Unknown("appends but no successful read, so nothing can be said of it");
        }

        return list.FindViolation() ?? KeyFinding.Valid(list.Summary());
    }
}
