using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// Strings compare ordinally and measure length in UTF-16 code units (.NET's string.Length); a read of a missing key
// works on the type's zero value "" (SPEC §4), while GetString and SubstringString return null for it.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteString(TowerCommand c) => c.Op switch
    {
        OpCode.SetString => SetScalar(c, TowerType.String),
        OpCode.GetString => GetScalar(c, TowerType.String),
        OpCode.AppendString => UpdateScalar(c, TowerType.String, static (v, _, c) => Outcome.Stored(v.AsString() + c.A.AsString())),
        OpCode.PrependString => UpdateScalar(c, TowerType.String, static (v, _, c) => Outcome.Stored(c.A.AsString() + v.AsString())),
        OpCode.ReplaceString => UpdateScalar(c, TowerType.String, (v, _, c) => Replace(v.AsString(), c.A.AsString(), c.B.AsString(), Limits.MaxValueBytes)),
        OpCode.ContainsString => QueryScalar(c, TowerType.String, static (v, _, c) => TowerResult.Ok(v.AsString().Contains(c.A.AsString(), StringComparison.Ordinal))),
        OpCode.StartsWithString => QueryScalar(c, TowerType.String, static (v, _, c) => TowerResult.Ok(v.AsString().StartsWith(c.A.AsString(), StringComparison.Ordinal))),
        OpCode.EndsWithString => QueryScalar(c, TowerType.String, static (v, _, c) => TowerResult.Ok(v.AsString().EndsWith(c.A.AsString(), StringComparison.Ordinal))),
        OpCode.LengthString => QueryScalar(c, TowerType.String, static (v, _, _) => TowerResult.Ok((long)v.AsString().Length)),
        OpCode.SubstringString => QueryScalar(c, TowerType.String, static (v, exists, c) => Substring(v.AsString(), exists, c.A.AsInt(), c.B.AsInt())),
        OpCode.CompareString => QueryScalar(c, TowerType.String, static (v, _, c) => Sign(string.CompareOrdinal(v.AsString(), c.A.AsString()))),
        OpCode.EqualString => QueryScalar(c, TowerType.String, static (v, _, c) => TowerResult.Ok(string.Equals(v.AsString(), c.A.AsString(), StringComparison.Ordinal))),
        OpCode.UpperString => UpdateScalar(c, TowerType.String, static (v, _, _) => Outcome.Stored(v.AsString().ToUpperInvariant())),
        OpCode.LowerString => UpdateScalar(c, TowerType.String, static (v, _, _) => Outcome.Stored(v.AsString().ToLowerInvariant())),
        _ => UpdateScalar(c, TowerType.String, static (v, exists, c) => CompareAndSet(v, exists, c.A, c.B)),
    };

    /// <summary>Replaces every occurrence, refusing first a result that could not be stored (so a hostile
    /// replacement cannot make the apply loop build a string of terabytes).</summary>
    private static Outcome Replace(string value, string old, string replacement, int maxBytes)
    {
        if (old.Length == 0)
        {
            return Outcome.Fail(ResultStatus.InvalidArgument, "the string to replace is empty");
        }

        long occurrences = 0;
        for (var at = value.IndexOf(old, StringComparison.Ordinal); at >= 0; at = value.IndexOf(old, at + old.Length, StringComparison.Ordinal))
        {
            occurrences++;
        }

        // UTF-8 never takes fewer bytes than UTF-16 code units, so this length already bounds the stored size.
        var length = value.Length + (occurrences * (replacement.Length - old.Length));
        return length > maxBytes
            ? Outcome.Fail(ResultStatus.InvalidArgument, $"the replaced string of {length} characters is over the limit of {maxBytes} bytes")
            : Outcome.Stored(value.Replace(old, replacement, StringComparison.Ordinal));
    }

    private static TowerResult Substring(string value, bool exists, long start, long length)
    {
        if (!exists)
        {
            return TowerResult.Ok(TowerValue.Null);
        }

        if (start < 0 || length < 0 || start > value.Length || length > value.Length - start)
        {
            return TowerResult.Error(ResultStatus.OutOfRange, $"substring ({start}, {length}) is outside a string of length {value.Length}");
        }

        return TowerResult.Ok(value.Substring((int)start, (int)length));
    }

    private static Outcome CompareAndSet(TowerValue current, bool exists, TowerValue expected, TowerValue value)
    {
        var matches = expected.IsNull ? !exists : exists && string.Equals(current.AsString(), expected.AsString(), StringComparison.Ordinal);
        if (!matches)
        {
            return Outcome.Unchanged(false);
        }

        if (value.IsNull)
        {
            return exists ? Outcome.Deleted(true) : Outcome.Unchanged(true);
        }

        return Outcome.Stored(value, true);
    }
}
