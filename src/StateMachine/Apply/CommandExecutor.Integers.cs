using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

// 64-bit integers: every arithmetic result that does not fit is Overflow (checked, nothing stored); division
// truncates toward zero; >> is arithmetic; shifts take 0..63 bits; bitwise ops cannot overflow.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteInt(TowerCommand c) => c.Op switch
    {
        OpCode.SetInt => SetScalar(c, TowerType.Int),
        OpCode.GetInt => GetScalar(c, TowerType.Int),
        OpCode.AddInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Add(v.AsInt(), c.A.AsInt())),
        OpCode.SubInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Subtract(v.AsInt(), c.A.AsInt())),
        OpCode.MulInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Multiply(v.AsInt(), c.A.AsInt())),
        OpCode.DivInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Divide(v.AsInt(), c.A.AsInt())),
        OpCode.ModInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Modulo(v.AsInt(), c.A.AsInt())),
        OpCode.IncInt => UpdateScalar(c, TowerType.Int, static (v, _, _) => Add(v.AsInt(), 1)),
        OpCode.DecInt => UpdateScalar(c, TowerType.Int, static (v, _, _) => Subtract(v.AsInt(), 1)),
        OpCode.NegInt => UpdateScalar(c, TowerType.Int, static (v, _, _) => Subtract(0, v.AsInt())),
        OpCode.AbsInt => UpdateScalar(c, TowerType.Int, static (v, _, _) => v.AsInt() < 0 ? Subtract(0, v.AsInt()) : Outcome.Stored(v)),
        OpCode.SwapInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Outcome.Stored(c.A, v)),
        OpCode.AndInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Outcome.Stored(v.AsInt() & c.A.AsInt())),
        OpCode.OrInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Outcome.Stored(v.AsInt() | c.A.AsInt())),
        OpCode.XorInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Outcome.Stored(v.AsInt() ^ c.A.AsInt())),
        OpCode.NotInt => UpdateScalar(c, TowerType.Int, static (v, _, _) => Outcome.Stored(~v.AsInt())),
        OpCode.ShiftLeftInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Shift(v.AsInt(), c.A.AsInt(), left: true)),
        OpCode.ShiftRightInt => UpdateScalar(c, TowerType.Int, static (v, _, c) => Shift(v.AsInt(), c.A.AsInt(), left: false)),
        OpCode.CompareInt => QueryScalar(c, TowerType.Int, static (v, _, c) => Sign(v.AsInt().CompareTo(c.A.AsInt()))),
        OpCode.SetIntIfGreater => UpdateScalar(c, TowerType.Int, static (v, exists, c) =>
            !exists || c.A.AsInt() > v.AsInt() ? Outcome.Stored(c.A) : Outcome.Unchanged(v)),
        OpCode.SetIntIfLess => UpdateScalar(c, TowerType.Int, static (v, exists, c) =>
            !exists || c.A.AsInt() < v.AsInt() ? Outcome.Stored(c.A) : Outcome.Unchanged(v)),
        _ => UpdateScalar(c, TowerType.Int, static (v, _, c) => c.A.AsInt() > c.B.AsInt()
            ? Outcome.Fail(ResultStatus.InvalidArgument, $"clamp minimum {c.A.AsInt()} is greater than maximum {c.B.AsInt()}")
            : Outcome.Stored(Math.Clamp(v.AsInt(), c.A.AsInt(), c.B.AsInt()))),
    };

    private static Outcome Add(long a, long b)
    {
        var sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? Outcome.Overflow("integer addition") : Outcome.Stored(sum);
    }

    private static Outcome Subtract(long a, long b)
    {
        var difference = unchecked(a - b);
        return ((a ^ b) & (a ^ difference)) < 0 ? Outcome.Overflow("integer subtraction") : Outcome.Stored(difference);
    }

    private static Outcome Multiply(long a, long b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high != (low >> 63) ? Outcome.Overflow("integer multiplication") : Outcome.Stored(low);
    }

    private static Outcome Divide(long a, long b) => b switch
    {
        0 => Outcome.DivideByZero,
        -1 when a == long.MinValue => Outcome.Overflow("integer division"),
        _ => Outcome.Stored(a / b),
    };

    private static Outcome Modulo(long a, long b) => b switch
    {
        0 => Outcome.DivideByZero,
        -1 => Outcome.Stored(0L), // long.MinValue % -1 throws in .NET; the mathematical remainder is 0.
        _ => Outcome.Stored(a % b),
    };

    private static Outcome Shift(long value, long bits, bool left) => bits is < 0 or > 63
        ? Outcome.Fail(ResultStatus.InvalidArgument, $"shift of {bits} bits is outside 0..63")
        : Outcome.Stored(left ? value << (int)bits : value >> (int)bits);
}
