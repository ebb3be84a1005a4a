using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// Floats, booleans, timestamps, durations, UUIDs and byte strings. Floats are stored bit-exactly; an arithmetic
// result that is not finite from finite operands is Overflow. Timestamps stay within 0..DateTime.MaxValue ticks.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteFloat(TowerCommand c) => c.Op switch
    {
        OpCode.SetFloat => SetScalar(c, TowerType.Float),
        OpCode.GetFloat => GetScalar(c, TowerType.Float),
        OpCode.AddFloat => UpdateScalar(c, TowerType.Float, static (v, _, c) => Finite(v.AsFloat(), c.A.AsFloat(), v.AsFloat() + c.A.AsFloat())),
        OpCode.SubFloat => UpdateScalar(c, TowerType.Float, static (v, _, c) => Finite(v.AsFloat(), c.A.AsFloat(), v.AsFloat() - c.A.AsFloat())),
        OpCode.MulFloat => UpdateScalar(c, TowerType.Float, static (v, _, c) => Finite(v.AsFloat(), c.A.AsFloat(), v.AsFloat() * c.A.AsFloat())),
        OpCode.DivFloat => UpdateScalar(c, TowerType.Float, static (v, _, c) => c.A.AsFloat() == 0
            ? Outcome.DivideByZero
            : Finite(v.AsFloat(), c.A.AsFloat(), v.AsFloat() / c.A.AsFloat())),
        OpCode.NegFloat => UpdateScalar(c, TowerType.Float, static (v, _, _) => Outcome.Stored(-v.AsFloat())),
        _ => UpdateScalar(c, TowerType.Float, static (v, _, _) => Outcome.Stored(Math.Abs(v.AsFloat()))),
    };

    private TowerResult ExecuteBool(TowerCommand c) => c.Op switch
    {
        OpCode.SetBool => SetScalar(c, TowerType.Bool),
        OpCode.GetBool => GetScalar(c, TowerType.Bool),
        OpCode.AndBool => CombineBools(c, static (a, b) => a & b),
        OpCode.OrBool => CombineBools(c, static (a, b) => a | b),
        OpCode.XorBool => CombineBools(c, static (a, b) => a ^ b),
        OpCode.NotBool or OpCode.ToggleBool => UpdateScalar(c, TowerType.Bool, static (v, _, _) => Outcome.Stored(!v.AsBool())),
        OpCode.EqualBool => QueryScalar(c, TowerType.Bool, static (v, _, c) => TowerResult.Ok(v.AsBool() == c.A.AsBool())),
        _ => UpdateScalar(c, TowerType.Bool, static (v, _, c) => v.AsBool() == c.A.AsBool() ? Outcome.Stored(c.B) : Outcome.Unchanged(v)),
    };

    private TowerResult ExecuteTime(TowerCommand c) => c.Op switch
    {
        OpCode.SetTimestamp => SetScalar(c, TowerType.Timestamp),
        OpCode.GetTimestamp => GetScalar(c, TowerType.Timestamp),
        OpCode.AddTimestamp => UpdateScalar(c, TowerType.Timestamp, static (v, _, c) => ShiftTimestamp(v.AsTimestampTicks(), c.A.AsDurationTicks())),
        OpCode.SubTimestamp => UpdateScalar(c, TowerType.Timestamp, static (v, _, c) => c.A.AsDurationTicks() == long.MinValue
            ? Outcome.Overflow("timestamp subtraction")
            : ShiftTimestamp(v.AsTimestampTicks(), -c.A.AsDurationTicks())),
        OpCode.BeforeTimestamp => QueryScalar(c, TowerType.Timestamp, static (v, _, c) => TowerResult.Ok(v.AsTimestampTicks() < c.A.AsTimestampTicks())),
        OpCode.AfterTimestamp => QueryScalar(c, TowerType.Timestamp, static (v, _, c) => TowerResult.Ok(v.AsTimestampTicks() > c.A.AsTimestampTicks())),
        OpCode.SetDuration => SetScalar(c, TowerType.Duration),
        OpCode.GetDuration => GetScalar(c, TowerType.Duration),
        OpCode.AddDuration => UpdateScalar(c, TowerType.Duration, static (v, _, c) => DurationResult(Add(v.AsDurationTicks(), c.A.AsDurationTicks()))),
        _ => UpdateScalar(c, TowerType.Duration, static (v, _, c) => DurationResult(Subtract(v.AsDurationTicks(), c.A.AsDurationTicks()))),
    };

    private TowerResult ExecuteUuidOrBinary(TowerCommand c) => c.Op switch
    {
        OpCode.SetUuid or OpCode.GenerateUuid => SetScalar(c, TowerType.Uuid),
        OpCode.GetUuid => GetScalar(c, TowerType.Uuid),
        OpCode.EqualUuid => QueryScalar(c, TowerType.Uuid, static (v, _, c) => TowerResult.Ok(v.AsUuid() == c.A.AsUuid())),
        OpCode.CompareUuid => QueryScalar(c, TowerType.Uuid, static (v, _, c) => Sign(v.AsUuid().CompareTo(c.A.AsUuid()))),
        OpCode.SetBinary => SetScalar(c, TowerType.Binary),
        OpCode.GetBinary => GetScalar(c, TowerType.Binary),
        _ => UpdateScalar(c, TowerType.Binary, static (v, _, c) =>
        {
            var joined = new byte[v.AsBytes().LongLength + c.A.AsBytes().LongLength];
            v.AsBytes().CopyTo(joined, 0);
            c.A.AsBytes().CopyTo(joined, v.AsBytes().Length);
            return Outcome.Stored(joined, joined.LongLength);
        }),
    };

    private static Outcome Finite(double a, double b, double result) =>
        double.IsFinite(result) || !double.IsFinite(a) || !double.IsFinite(b) ? Outcome.Stored(result) : Outcome.Overflow("float arithmetic");

    private static Outcome ShiftTimestamp(long ticks, long delta) =>
        delta > DateTime.MaxValue.Ticks - ticks || ticks + delta < 0
            ? Outcome.Overflow("timestamp arithmetic")
            : Outcome.Stored(TowerValue.FromTimestampTicks(ticks + delta));

    private static Outcome DurationResult(Outcome integer) =>
        integer.Status == ResultStatus.Ok ? Outcome.Stored(TowerValue.FromDurationTicks(integer.Store.AsInt())) : Outcome.Overflow("duration arithmetic");

    private TowerResult CombineBools(TowerCommand c, Func<bool, bool, bool> combine)
    {
        var a = ReadBoolOperand(c.A.AsBytes());
        var b = ReadBoolOperand(c.B.AsBytes());
        if (a is null || b is null)
        {
            return TowerResult.Error(ResultStatus.WrongType, "an operand key holds something other than a Bool");
        }

        var info = ReadKey(c.Key);
        if (info.IsLive && info.Type != TowerType.Bool)
        {
            return WrongType(info.Type, TowerType.Bool);
        }

        var result = TowerValue.FromBool(combine(a.Value, b.Value));
        return StoreScalar(c.Key, info, result, result);
    }

    /// <summary>The operand's value (false when missing), or null when it holds another type.</summary>
    private bool? ReadBoolOperand(byte[] key)
    {
        var info = ReadKey(key);
        if (!info.IsLive)
        {
            return false;
        }

        return info.Type == TowerType.Bool ? DecodeStoredScalar(TowerType.Bool).AsBool() : null;
    }
}
