using System.Numerics;
using Google.Protobuf;
using RaftTower.Protocol.V1;
using static RaftTower.Client.Tests.Operations.OperationCase;
using Decimal = RaftTower.Protocol.V1.Decimal;

namespace RaftTower.Client.Tests.Operations;

/// <summary>Every scalar method of SPEC §3: keys, string, int, float, bool, timestamp, duration, UUID, binary, bigint, decimal.</summary>
public static partial class OperationCases
{
    private static readonly DateTimeOffset When = new(2026, 11, 21, 10, 30, 0, TimeSpan.FromHours(2));
    private static readonly Guid Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
    private static readonly ByteString IdBytes = ByteString.CopyFrom(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"));

    private static IEnumerable<OperationCase> Scalars()
    {
        // Keys.
        yield return W("DeleteAsync", c => Value(c.DeleteAsync("k")), K(KeyOpCode.Delete), new Result { Bool = true }, true);
        yield return R("ExistsAsync", c => Value(c.ExistsAsync("k")), K(KeyOpCode.Exists), new Result { Bool = false }, false);
        yield return R("TypeOfAsync", c => Value(c.TypeOfAsync("k")), K(KeyOpCode.TypeOf), new Result { Type = Protocol.V1.TowerType.TimeSeries }, TowerType.TimeSeries);
        yield return R("TypeOfAsync missing", c => Value(c.TypeOfAsync("k")), K(KeyOpCode.TypeOf), null, null);
        yield return W("SetTtlAsync at", c => Value(c.SetTtlAsync("k", When)), K(KeyOpCode.SetTtlAt, When.UtcTicks), new Result { Bool = true }, true);
        yield return W("SetTtlAsync for", c => Value(c.SetTtlAsync("k", TimeSpan.FromSeconds(30))), K(KeyOpCode.SetTtlFor, TimeSpan.FromSeconds(30).Ticks), new Result { Bool = false }, false);
        yield return W("RemoveTtlAsync", c => Value(c.RemoveTtlAsync("k")), K(KeyOpCode.RemoveTtl), new Result { Bool = true }, true);
        yield return R("GetTtlAsync", c => Value(c.GetTtlAsync("k")), K(KeyOpCode.GetTtl), new Result { DurationTicks = 12_345 }, TimeSpan.FromTicks(12_345));
        yield return R("GetTtlAsync none", c => Value(c.GetTtlAsync("k")), K(KeyOpCode.GetTtl), null, null);

        // String.
        yield return W("SetStringAsync", c => Nothing(c.SetStringAsync("k", "v")), S(StringOpCode.Set, "v"), null, null);
        yield return R("GetStringAsync", c => Value(c.GetStringAsync("k")), S(StringOpCode.Get), new Result { String = "héllo" }, "héllo");
        yield return R("GetStringAsync missing", c => Value(c.GetStringAsync("k")), S(StringOpCode.Get), null, null);
        yield return W("AppendStringAsync", c => Value(c.AppendStringAsync("k", "x")), S(StringOpCode.Append, "x"), new Result { String = "vx" }, "vx");
        yield return W("PrependStringAsync", c => Value(c.PrependStringAsync("k", "x")), S(StringOpCode.Prepend, "x"), new Result { String = "xv" }, "xv");
        yield return W("ReplaceStringAsync", c => Value(c.ReplaceStringAsync("k", "a", "b")), S(StringOpCode.Replace, "a", s => s.Value2 = "b"), new Result { String = "bb" }, "bb");
        yield return R("ContainsStringAsync", c => Value(c.ContainsStringAsync("k", "x")), S(StringOpCode.Contains, "x"), new Result { Bool = true }, true);
        yield return R("StartsWithStringAsync", c => Value(c.StartsWithStringAsync("k", "x")), S(StringOpCode.StartsWith, "x"), new Result { Bool = true }, true);
        yield return R("EndsWithStringAsync", c => Value(c.EndsWithStringAsync("k", "x")), S(StringOpCode.EndsWith, "x"), new Result { Bool = false }, false);
        yield return R("LengthStringAsync", c => Value(c.LengthStringAsync("k")), S(StringOpCode.Length), new Result { Int = 5 }, 5L);
        yield return R("SubstringStringAsync", c => Value(c.SubstringStringAsync("k", 1, 2)), S(StringOpCode.Substring, null, s => (s.Start, s.Length) = (1, 2)), new Result { String = "el" }, "el");
        yield return R("CompareStringAsync", c => Value(c.CompareStringAsync("k", "x")), S(StringOpCode.Compare, "x"), new Result { Int = -7 }, -1);
        yield return R("EqualStringAsync", c => Value(c.EqualStringAsync("k", "x")), S(StringOpCode.Equal, "x"), new Result { Bool = true }, true);
        yield return W("UpperStringAsync", c => Value(c.UpperStringAsync("k")), S(StringOpCode.Upper), new Result { String = "AB" }, "AB");
        yield return W("LowerStringAsync", c => Value(c.LowerStringAsync("k")), S(StringOpCode.Lower), new Result { String = "ab" }, "ab");
        yield return W("CompareAndSetStringAsync", c => Value(c.CompareAndSetStringAsync("k", "old", "new")), S(StringOpCode.CompareAndSet, "new", s => s.Expected = "old"), new Result { Bool = true }, true);
        yield return W("CompareAndSetStringAsync absent-to-delete", c => Value(c.CompareAndSetStringAsync("k", null, null)), S(StringOpCode.CompareAndSet), new Result { Bool = false }, false);

        // Int.
        yield return W("SetIntAsync", c => Nothing(c.SetIntAsync("k", 7)), I(IntOpCode.Set, 7), null, null);
        yield return R("GetIntAsync", c => Value(c.GetIntAsync("k")), I(IntOpCode.Get), new Result { Int = long.MinValue }, (long?)long.MinValue);
        yield return R("GetIntAsync missing", c => Value(c.GetIntAsync("k")), I(IntOpCode.Get), null, null);
        foreach (var (name, code, call) in new (string, IntOpCode, Func<TowerClient, Task<long>>)[]
        {
            ("AddIntAsync", IntOpCode.Add, c => c.AddIntAsync("k", 5)),
            ("SubIntAsync", IntOpCode.Sub, c => c.SubIntAsync("k", 5)),
            ("MulIntAsync", IntOpCode.Mul, c => c.MulIntAsync("k", 5)),
            ("DivIntAsync", IntOpCode.Div, c => c.DivIntAsync("k", 5)),
            ("ModIntAsync", IntOpCode.Mod, c => c.ModIntAsync("k", 5)),
            ("SwapIntAsync", IntOpCode.Swap, c => c.SwapIntAsync("k", 5)),
            ("AndIntAsync", IntOpCode.And, c => c.AndIntAsync("k", 5)),
            ("OrIntAsync", IntOpCode.Or, c => c.OrIntAsync("k", 5)),
            ("XorIntAsync", IntOpCode.Xor, c => c.XorIntAsync("k", 5)),
            ("ShiftLeftIntAsync", IntOpCode.ShiftLeft, c => c.ShiftLeftIntAsync("k", 5)),
            ("ShiftRightIntAsync", IntOpCode.ShiftRight, c => c.ShiftRightIntAsync("k", 5)),
            ("SetIntIfGreaterAsync", IntOpCode.SetIfGreater, c => c.SetIntIfGreaterAsync("k", 5)),
            ("SetIntIfLessAsync", IntOpCode.SetIfLess, c => c.SetIntIfLessAsync("k", 5)),
        })
        {
            yield return W(name, c => Value(call(c)), I(code, 5), new Result { Int = 42 }, 42L);
        }

        foreach (var (name, code, call) in new (string, IntOpCode, Func<TowerClient, Task<long>>)[]
        {
            ("IncIntAsync", IntOpCode.Inc, c => c.IncIntAsync("k")),
            ("DecIntAsync", IntOpCode.Dec, c => c.DecIntAsync("k")),
            ("NegIntAsync", IntOpCode.Neg, c => c.NegIntAsync("k")),
            ("AbsIntAsync", IntOpCode.Abs, c => c.AbsIntAsync("k")),
            ("NotIntAsync", IntOpCode.Not, c => c.NotIntAsync("k")),
        })
        {
            yield return W(name, c => Value(call(c)), I(code), new Result { Int = -3 }, -3L);
        }

        yield return R("CompareIntAsync", c => Value(c.CompareIntAsync("k", 9)), I(IntOpCode.Compare, 9), new Result { Int = 1 }, 1);
        yield return W("ClampIntAsync", c => Value(c.ClampIntAsync("k", -2, 2)), I(IntOpCode.Clamp, -2, 2), new Result { Int = 2 }, 2L);

        // Float.
        yield return W("SetFloatAsync", c => Nothing(c.SetFloatAsync("k", 0.1)), F(FloatOpCode.Set, 0.1), null, null);
        yield return R("GetFloatAsync", c => Value(c.GetFloatAsync("k")), F(FloatOpCode.Get), new Result { Float = -0.0 }, (double?)-0.0);
        yield return W("AddFloatAsync", c => Value(c.AddFloatAsync("k", 1.5)), F(FloatOpCode.Add, 1.5), new Result { Float = 2.5 }, 2.5);
        yield return W("SubFloatAsync", c => Value(c.SubFloatAsync("k", 1.5)), F(FloatOpCode.Sub, 1.5), new Result { Float = 2.5 }, 2.5);
        yield return W("MulFloatAsync", c => Value(c.MulFloatAsync("k", 1.5)), F(FloatOpCode.Mul, 1.5), new Result { Float = 2.5 }, 2.5);
        yield return W("DivFloatAsync", c => Value(c.DivFloatAsync("k", 1.5)), F(FloatOpCode.Div, 1.5), new Result { Float = 2.5 }, 2.5);
        yield return W("NegFloatAsync", c => Value(c.NegFloatAsync("k")), F(FloatOpCode.Neg), new Result { Float = -1 }, -1.0);
        yield return W("AbsFloatAsync", c => Value(c.AbsFloatAsync("k")), F(FloatOpCode.Abs), new Result { Float = 1 }, 1.0);

        // Bool.
        yield return W("SetBoolAsync", c => Nothing(c.SetBoolAsync("k", true)), B(BoolOpCode.Set, true), null, null);
        yield return R("GetBoolAsync", c => Value(c.GetBoolAsync("k")), B(BoolOpCode.Get), new Result { Bool = true }, (bool?)true);
        yield return W("AndBoolAsync", c => Value(c.AndBoolAsync("d", "a", "b")), Combine(BoolOpCode.And), new Result { Bool = true }, true);
        yield return W("OrBoolAsync", c => Value(c.OrBoolAsync("d", "a", "b")), Combine(BoolOpCode.Or), new Result { Bool = true }, true);
        yield return W("XorBoolAsync", c => Value(c.XorBoolAsync("d", "a", "b")), Combine(BoolOpCode.Xor), new Result { Bool = false }, false);
        yield return W("NotBoolAsync", c => Value(c.NotBoolAsync("k")), B(BoolOpCode.Not), new Result { Bool = true }, true);
        yield return W("ToggleBoolAsync", c => Value(c.ToggleBoolAsync("k")), B(BoolOpCode.Toggle), new Result { Bool = false }, false);
        yield return R("EqualBoolAsync", c => Value(c.EqualBoolAsync("k", true)), B(BoolOpCode.Equal, true), new Result { Bool = true }, true);
        yield return W("SetBoolIfEqualAsync", c => Value(c.SetBoolIfEqualAsync("k", false, true)), B(BoolOpCode.SetIfEqual, false, true), new Result { Bool = true }, true);

        // Timestamp and duration: UTC 100 ns ticks on the wire, whatever the offset given.
        yield return W("SetTimestampAsync", c => Nothing(c.SetTimestampAsync("k", When)), T(TimestampOpCode.Set, When.UtcTicks), null, null);
        yield return R("GetTimestampAsync", c => Value(c.GetTimestampAsync("k")), T(TimestampOpCode.Get), new Result { TimestampTicks = When.UtcTicks }, (DateTimeOffset?)When.ToUniversalTime());
        yield return W("AddTimestampAsync", c => Value(c.AddTimestampAsync("k", TimeSpan.FromMinutes(1))), T(TimestampOpCode.Add, TimeSpan.FromMinutes(1).Ticks), new Result { TimestampTicks = When.UtcTicks }, When.ToUniversalTime());
        yield return W("SubTimestampAsync", c => Value(c.SubTimestampAsync("k", TimeSpan.FromMinutes(1))), T(TimestampOpCode.Sub, TimeSpan.FromMinutes(1).Ticks), new Result { TimestampTicks = When.UtcTicks }, When.ToUniversalTime());
        yield return R("BeforeTimestampAsync", c => Value(c.BeforeTimestampAsync("k", When)), T(TimestampOpCode.Before, When.UtcTicks), new Result { Bool = true }, true);
        yield return R("AfterTimestampAsync", c => Value(c.AfterTimestampAsync("k", When)), T(TimestampOpCode.After, When.UtcTicks), new Result { Bool = false }, false);
        yield return W("SetDurationAsync", c => Nothing(c.SetDurationAsync("k", TimeSpan.FromTicks(3))), D(DurationOpCode.Set, 3), null, null);
        yield return R("GetDurationAsync", c => Value(c.GetDurationAsync("k")), D(DurationOpCode.Get), new Result { DurationTicks = -4 }, (TimeSpan?)TimeSpan.FromTicks(-4));
        yield return W("AddDurationAsync", c => Value(c.AddDurationAsync("k", TimeSpan.FromTicks(3))), D(DurationOpCode.Add, 3), new Result { DurationTicks = 9 }, TimeSpan.FromTicks(9));
        yield return W("SubDurationAsync", c => Value(c.SubDurationAsync("k", TimeSpan.FromTicks(3))), D(DurationOpCode.Sub, 3), new Result { DurationTicks = 9 }, TimeSpan.FromTicks(9));

        // UUID (RFC 4122 byte order) and binary.
        yield return W("SetUuidAsync", c => Nothing(c.SetUuidAsync("k", Id)), U(UuidOpCode.Set, IdBytes), null, null);
        yield return R("GetUuidAsync", c => Value(c.GetUuidAsync("k")), U(UuidOpCode.Get), new Result { Uuid = IdBytes }, (Guid?)Id);
        yield return W("GenerateUuidAsync", c => Value(c.GenerateUuidAsync("k")), U(UuidOpCode.Generate), new Result { Uuid = IdBytes }, Id);
        yield return R("EqualUuidAsync", c => Value(c.EqualUuidAsync("k", Id)), U(UuidOpCode.Equal, IdBytes), new Result { Bool = true }, true);
        yield return R("CompareUuidAsync", c => Value(c.CompareUuidAsync("k", Id)), U(UuidOpCode.Compare, IdBytes), new Result { Int = 0 }, 0);
        yield return W("SetBinaryAsync", c => Nothing(c.SetBinaryAsync("k", new byte[] { 1, 2 })), Bin(BinaryOpCode.Set, 1, 2), null, null);
        yield return R("GetBinaryAsync", c => Value(c.GetBinaryAsync("k")), Bin(BinaryOpCode.Get), new Result { Binary = ByteString.CopyFrom(9, 8) }, new byte[] { 9, 8 });
        yield return W("AppendBinaryAsync", c => Value(c.AppendBinaryAsync("k", new byte[] { 3 })), Bin(BinaryOpCode.Append, 3), new Result { Int = 3 }, 3L);

        // Big integers (decimal strings) and decimals.
        var huge = BigInteger.Pow(10, 40) + 1;
        yield return W("SetBigIntAsync", c => Nothing(c.SetBigIntAsync("k", -huge)), Big(BigIntOpCode.Set, "-" + huge), null, null);
        yield return R("GetBigIntAsync", c => Value(c.GetBigIntAsync("k")), Big(BigIntOpCode.Get), new Result { Bigint = huge.ToString() }, (BigInteger?)huge);
        foreach (var (name, code, call) in new (string, BigIntOpCode, Func<TowerClient, Task<BigInteger>>)[]
        {
            ("AddBigIntAsync", BigIntOpCode.Add, c => c.AddBigIntAsync("k", 12)),
            ("SubBigIntAsync", BigIntOpCode.Sub, c => c.SubBigIntAsync("k", 12)),
            ("MulBigIntAsync", BigIntOpCode.Mul, c => c.MulBigIntAsync("k", 12)),
            ("DivBigIntAsync", BigIntOpCode.Div, c => c.DivBigIntAsync("k", 12)),
            ("ModBigIntAsync", BigIntOpCode.Mod, c => c.ModBigIntAsync("k", 12)),
        })
        {
            yield return W(name, c => Value(call(c)), Big(code, "12"), new Result { Bigint = "-5" }, new BigInteger(-5));
        }

        yield return W("NegBigIntAsync", c => Value(c.NegBigIntAsync("k")), Big(BigIntOpCode.Neg), new Result { Bigint = "5" }, new BigInteger(5));
        yield return W("AbsBigIntAsync", c => Value(c.AbsBigIntAsync("k")), Big(BigIntOpCode.Abs), new Result { Bigint = "5" }, new BigInteger(5));
        yield return R("CmpBigIntAsync", c => Value(c.CmpBigIntAsync("k", 12)), Big(BigIntOpCode.Cmp, "12"), new Result { Int = -1 }, -1);

        var price = new TowerDecimal(12345, 2);
        var wirePrice = new Decimal { Coefficient = "12345", Scale = 2 };
        yield return W("SetDecimalAsync", c => Nothing(c.SetDecimalAsync("k", 12345, 2)), Dec(DecimalOpCode.Set, wirePrice), null, null);
        yield return R("GetDecimalAsync", c => Value(c.GetDecimalAsync("k")), Dec(DecimalOpCode.Get), new Result { Decimal = wirePrice }, (TowerDecimal?)price);
        yield return W("AddDecimalAsync", c => Value(c.AddDecimalAsync("k", 12345, 2)), Dec(DecimalOpCode.Add, wirePrice), new Result { Decimal = wirePrice }, price);
        yield return W("SubDecimalAsync", c => Value(c.SubDecimalAsync("k", 12345, 2)), Dec(DecimalOpCode.Sub, wirePrice), new Result { Decimal = wirePrice }, price);
        yield return W("MulDecimalAsync", c => Value(c.MulDecimalAsync("k", 12345, 2)), Dec(DecimalOpCode.Mul, wirePrice), new Result { Decimal = wirePrice }, price);
        yield return W("DivDecimalAsync", c => Value(c.DivDecimalAsync("k", 12345, 2, 4)), Dec(DecimalOpCode.Div, wirePrice, d => d.ResultScale = 4), new Result { Decimal = wirePrice }, price);
        yield return R("CmpDecimalAsync", c => Value(c.CmpDecimalAsync("k", 12345, 2)), Dec(DecimalOpCode.Cmp, wirePrice), new Result { Int = 1 }, 1);
        yield return W("SetDecimalFromFloatAsync", c => Nothing(c.SetDecimalFromFloatAsync("k", 0.1, 3)), Dec(DecimalOpCode.SetFromFloat, new Decimal { Coefficient = "0", Scale = 3 }, d => d.FloatValue = 0.1), null, null);
        yield return R("GetDecimalAsFloatAsync", c => Value(c.GetDecimalAsFloatAsync("k")), Dec(DecimalOpCode.GetAsFloat), new Result { Float = 123.45 }, (double?)123.45);
    }

    private static ExecuteRequest K(KeyOpCode op, long ticks = 0) => new() { Key = new KeyOp { Op = op, Key = "k", Ticks = ticks } };

    private static ExecuteRequest S(StringOpCode op, string? value = null, Action<StringOp>? more = null)
    {
        var s = new StringOp { Op = op, Key = "k" };
        if (value is not null)
        {
            s.Value = value;
        }

        more?.Invoke(s);
        return new() { String = s };
    }

    private static ExecuteRequest I(IntOpCode op, long operand = 0, long operand2 = 0) => new() { Int = new IntOp { Op = op, Key = "k", Operand = operand, Operand2 = operand2 } };

    private static ExecuteRequest F(FloatOpCode op, double operand = 0) => new() { Float = new FloatOp { Op = op, Key = "k", Operand = operand } };

    private static ExecuteRequest B(BoolOpCode op, bool operand = false, bool operand2 = false) => new() { Bool = new BoolOp { Op = op, Key = "k", Operand = operand, Operand2 = operand2 } };

    private static ExecuteRequest Combine(BoolOpCode op) => new() { Bool = new BoolOp { Op = op, Key = "d", KeyA = "a", KeyB = "b" } };

    private static ExecuteRequest T(TimestampOpCode op, long ticks = 0) => new() { Timestamp = new TimestampOp { Op = op, Key = "k", Ticks = ticks } };

    private static ExecuteRequest D(DurationOpCode op, long ticks = 0) => new() { Duration = new DurationOp { Op = op, Key = "k", Ticks = ticks } };

    private static ExecuteRequest U(UuidOpCode op, ByteString? value = null) => new() { Uuid = new UuidOp { Op = op, Key = "k", Value = value ?? ByteString.Empty } };

    private static ExecuteRequest Bin(BinaryOpCode op, params byte[] value) => new() { Binary = new BinaryOp { Op = op, Key = "k", Value = ByteString.CopyFrom(value) } };

    private static ExecuteRequest Big(BigIntOpCode op, string operand = "") => new() { Bigint = new BigIntOp { Op = op, Key = "k", Operand = operand } };

    private static ExecuteRequest Dec(DecimalOpCode op, Decimal? operand = null, Action<DecimalOp>? more = null)
    {
        var d = new DecimalOp { Op = op, Key = "k", Operand = operand };
        more?.Invoke(d);
        return new() { Decimal = d };
    }

    private static OperationCase W(string name, Func<TowerClient, Task<object?>> invoke, ExecuteRequest expected, Result? reply, object? returns) =>
        new(name, invoke, expected, reply, returns, IsWrite: true);

    private static OperationCase R(string name, Func<TowerClient, Task<object?>> invoke, ExecuteRequest expected, Result? reply, object? returns) =>
        new(name, invoke, expected, reply, returns, IsWrite: false);
}
