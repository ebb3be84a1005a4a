using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Generators;

/// <summary>FsCheck generators of values, commands and command sequences (valid UTF-16 only: lone surrogates cannot be encoded).</summary>
internal static class CommandGenerators
{
    private static readonly string[] Fragments = ["", "a", "b", "é", "ß", "🌍", "x y", "42", "\u0000", "日本"];

    public static readonly OpCode[] AllOps = [.. Enum.GetValues<OpCode>()];

    public static readonly OpCode[] WriteOps = [.. AllOps.Where(op => OperationInfo.IsWrite(op) && op != OpCode.ExpireKeys)];

    public static Gen<string> Strings { get; } =
        Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.Elements(Fragments), n)).Select(parts => string.Concat(parts));

    public static Gen<long> AnyLong { get; } = Gen.Frequency(
        (3, Gen.Choose(-1000, 1000).Select(i => (long)i)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L, -1L)),
        (1, from hi in Gen.Choose(int.MinValue, int.MaxValue) from lo in Gen.Choose(int.MinValue, int.MaxValue) select ((long)hi << 32) ^ (uint)lo));

    public static Gen<long> SmallLong { get; } = Gen.Frequency((9, Gen.Choose(-20, 20).Select(i => (long)i)), (1, AnyLong));

    public static Gen<byte[]> Bytes { get; } = Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    public static Gen<double> AnyDouble { get; } = Gen.Frequency(
        (3, Gen.Choose(-10_000, 10_000).Select(i => i / 8.0)),
        (1, AnyLong.Select(BitConverter.Int64BitsToDouble)));

    public static Gen<long> Ticks { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 1_000_000).Select(i => TimeSpanStart + (i * TimeSpan.TicksPerSecond))),
        (1, Gen.Elements(0L, DateTime.MaxValue.Ticks)));

    public static Gen<BigInteger> BigInts { get; } = Gen.Frequency(
        (3, AnyLong.Select(l => new BigInteger(l))),
        (1, Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).Select(b => new BigInteger(b))));

    public static Gen<TowerDecimal> Decimals { get; } =
        from coefficient in BigInts from scale in Gen.Choose(0, 12) select new TowerDecimal(coefficient, scale);

    /// <summary>Any non-null primitive value.</summary>
    public static Gen<TowerValue> Values { get; } = Gen.OneOf(
        Strings.Select(TowerValue.FromString),
        AnyLong.Select(TowerValue.FromInt),
        AnyDouble.Select(TowerValue.FromFloat),
        Gen.Elements(true, false).Select(TowerValue.FromBool),
        Ticks.Select(TowerValue.FromTimestampTicks),
        AnyLong.Select(TowerValue.FromDurationTicks),
        Bytes.Select(b => TowerValue.FromUuid(new Guid(b.Concat(new byte[16]).Take(16).ToArray()))),
        Bytes.Select(TowerValue.FromBytes),
        BigInts.Select(TowerValue.FromBigInt),
        Decimals.Select(TowerValue.FromDecimal));

    /// <summary>Keys from a small pool, so random commands meet each other's keys (and types).</summary>
    public static Gen<byte[]> Keys { get; } = Gen.Elements("a", "b", "c", "d", "").Select(k => System.Text.Encoding.UTF8.GetBytes(k));

    public static Gen<TowerValue> Argument(ArgKind kind) => kind switch
    {
        ArgKind.String => Strings.Select(TowerValue.FromString),
        ArgKind.NullableString => Gen.Frequency((1, Gen.Constant(TowerValue.Null)), (3, Strings.Select(TowerValue.FromString))),
        ArgKind.Int => SmallLong.Select(TowerValue.FromInt),
        ArgKind.Float => AnyDouble.Select(TowerValue.FromFloat),
        ArgKind.Bool => Gen.Elements(true, false).Select(TowerValue.FromBool),
        ArgKind.Timestamp => Ticks.Select(TowerValue.FromTimestampTicks),
        ArgKind.Duration => SmallLong.Select(s => TowerValue.FromDurationTicks(s * TimeSpan.TicksPerSecond / 4)),
        ArgKind.Uuid => Gen.Choose(0, 9).Select(i => TowerValue.FromUuid(new Guid(i, 0, 0, new byte[8]))),
        ArgKind.Binary => Bytes.Select(TowerValue.FromBytes),
        ArgKind.BigInt => BigInts.Select(TowerValue.FromBigInt),
        ArgKind.Decimal => Decimals.Select(TowerValue.FromDecimal),
        ArgKind.Key => Keys.Select(TowerValue.FromBytes),
        _ => Values,
    };

    public static Gen<TowerCommand> Command(OpCode op)
    {
        var kinds = OperationInfo.ArgumentsOf(op).ToArray();
        var a = kinds.Length > 0 ? Argument(kinds[0]) : Gen.Constant(TowerValue.Null);
        var b = kinds.Length > 1 ? Argument(kinds[1]) : Gen.Constant(TowerValue.Null);
        if (op == OpCode.ExpireKeys)
        {
            var items = Gen.ListOf(from key in Keys from ticks in Ticks select new ExpiryItem(key, ticks));
            return items.Select(list => new TowerCommand(op, [], Expirations: [.. list]));
        }

        return from key in Keys from first in a from second in b select new TowerCommand(op, key, first, second);
    }

    /// <summary>Any command or query.</summary>
    public static Gen<TowerCommand> AnyCommand { get; } = Gen.Elements(AllOps).SelectMany(Command);

    /// <summary>Any client write (no leader-internal expiry batches).</summary>
    public static Gen<TowerCommand> AnyWrite { get; } = Gen.Elements(WriteOps).SelectMany(Command);

    private static long TimeSpanStart => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
}
