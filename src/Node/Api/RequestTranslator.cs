using System.Globalization;
using System.Numerics;
using System.Text;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Api;

/// <summary>
/// Turns a wire <see cref="Wire.ExecuteRequest"/> into the state machine's <see cref="TowerCommand"/>. Every family
/// and op code of tower.proto maps to exactly one <see cref="OpCode"/>; anything else is a
/// <see cref="RequestException"/> (InvalidArgument) naming the field. Values the node chooses (UUIDs to generate) are
/// chosen here, before the command is appended, so apply stays deterministic.
/// </summary>
internal static class RequestTranslator
{
    public static TowerCommand Translate(Wire.ExecuteRequest request) => request.OpCase switch
    {
        Wire.ExecuteRequest.OpOneofCase.Key => Key(request.Key),
        Wire.ExecuteRequest.OpOneofCase.String => String(request.String),
        Wire.ExecuteRequest.OpOneofCase.Int => Int(request.Int),
        Wire.ExecuteRequest.OpOneofCase.Float => Float(request.Float),
        Wire.ExecuteRequest.OpOneofCase.Bool => Bool(request.Bool),
        Wire.ExecuteRequest.OpOneofCase.Timestamp => Timestamp(request.Timestamp),
        Wire.ExecuteRequest.OpOneofCase.Duration => Duration(request.Duration),
        Wire.ExecuteRequest.OpOneofCase.Uuid => Uuid(request.Uuid),
        Wire.ExecuteRequest.OpOneofCase.Binary => Binary(request.Binary),
        Wire.ExecuteRequest.OpOneofCase.Bigint => BigInt(request.Bigint),
        Wire.ExecuteRequest.OpOneofCase.Decimal => Decimal(request.Decimal),
        Wire.ExecuteRequest.OpOneofCase.List => List(request.List),
        Wire.ExecuteRequest.OpOneofCase.Map => Map(request.Map),
        Wire.ExecuteRequest.OpOneofCase.Set => Set(request.Set),
        Wire.ExecuteRequest.OpOneofCase.TimeSeries => TimeSeries(request.TimeSeries),
        Wire.ExecuteRequest.OpOneofCase.BloomFilter => Bloom(request.BloomFilter),
        _ => throw new RequestException("the request names no operation (set one of key, string, int, ... in ExecuteRequest.op)"),
    };

    private static TowerCommand Key(Wire.KeyOp op) => op.Op switch
    {
        Wire.KeyOpCode.Delete => C(OpCode.Delete, op.Key),
        Wire.KeyOpCode.Exists => C(OpCode.Exists, op.Key),
        Wire.KeyOpCode.TypeOf => C(OpCode.TypeOf, op.Key),
        Wire.KeyOpCode.SetTtlAt => C(OpCode.SetTtlAt, op.Key, TowerValue.FromTimestampTicks(op.Ticks)),
        Wire.KeyOpCode.SetTtlFor => C(OpCode.SetTtlFor, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        Wire.KeyOpCode.RemoveTtl => C(OpCode.RemoveTtl, op.Key),
        Wire.KeyOpCode.GetTtl => C(OpCode.GetTtl, op.Key),
        _ => Unknown("key", op.Op),
    };

    private static TowerCommand String(Wire.StringOp op)
    {
        var value = op.HasValue ? TowerValue.FromString(op.Value) : TowerValue.Null;
        return op.Op switch
        {
            Wire.StringOpCode.Set => C(OpCode.SetString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Get => C(OpCode.GetString, op.Key),
            Wire.StringOpCode.Append => C(OpCode.AppendString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Prepend => C(OpCode.PrependString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Replace => C(OpCode.ReplaceString, op.Key, Required(value, "value"), TowerValue.FromString(op.HasValue2 ? op.Value2 : throw Missing("value2"))),
            Wire.StringOpCode.Contains => C(OpCode.ContainsString, op.Key, Required(value, "value")),
            Wire.StringOpCode.StartsWith => C(OpCode.StartsWithString, op.Key, Required(value, "value")),
            Wire.StringOpCode.EndsWith => C(OpCode.EndsWithString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Length => C(OpCode.LengthString, op.Key),
            Wire.StringOpCode.Substring => C(OpCode.SubstringString, op.Key, TowerValue.FromInt(op.Start), TowerValue.FromInt(op.Length)),
            Wire.StringOpCode.Compare => C(OpCode.CompareString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Equal => C(OpCode.EqualString, op.Key, Required(value, "value")),
            Wire.StringOpCode.Upper => C(OpCode.UpperString, op.Key),
            Wire.StringOpCode.Lower => C(OpCode.LowerString, op.Key),
            Wire.StringOpCode.CompareAndSet => C(OpCode.CompareAndSetString, op.Key, op.HasExpected ? TowerValue.FromString(op.Expected) : TowerValue.Null, value),
            _ => Unknown("string", op.Op),
        };
    }

    private static TowerCommand Int(Wire.IntOp op)
    {
        var a = TowerValue.FromInt(op.Operand);
        return op.Op switch
        {
            Wire.IntOpCode.Set => C(OpCode.SetInt, op.Key, a),
            Wire.IntOpCode.Get => C(OpCode.GetInt, op.Key),
            Wire.IntOpCode.Add => C(OpCode.AddInt, op.Key, a),
            Wire.IntOpCode.Sub => C(OpCode.SubInt, op.Key, a),
            Wire.IntOpCode.Mul => C(OpCode.MulInt, op.Key, a),
            Wire.IntOpCode.Div => C(OpCode.DivInt, op.Key, a),
            Wire.IntOpCode.Mod => C(OpCode.ModInt, op.Key, a),
            Wire.IntOpCode.Inc => C(OpCode.IncInt, op.Key),
            Wire.IntOpCode.Dec => C(OpCode.DecInt, op.Key),
            Wire.IntOpCode.Neg => C(OpCode.NegInt, op.Key),
            Wire.IntOpCode.Abs => C(OpCode.AbsInt, op.Key),
            Wire.IntOpCode.Swap => C(OpCode.SwapInt, op.Key, a),
            Wire.IntOpCode.And => C(OpCode.AndInt, op.Key, a),
            Wire.IntOpCode.Or => C(OpCode.OrInt, op.Key, a),
            Wire.IntOpCode.Xor => C(OpCode.XorInt, op.Key, a),
            Wire.IntOpCode.Not => C(OpCode.NotInt, op.Key),
            Wire.IntOpCode.ShiftLeft => C(OpCode.ShiftLeftInt, op.Key, a),
            Wire.IntOpCode.ShiftRight => C(OpCode.ShiftRightInt, op.Key, a),
            Wire.IntOpCode.Compare => C(OpCode.CompareInt, op.Key, a),
            Wire.IntOpCode.SetIfGreater => C(OpCode.SetIntIfGreater, op.Key, a),
            Wire.IntOpCode.SetIfLess => C(OpCode.SetIntIfLess, op.Key, a),
            Wire.IntOpCode.Clamp => C(OpCode.ClampInt, op.Key, a, TowerValue.FromInt(op.Operand2)),
            _ => Unknown("int", op.Op),
        };
    }

    private static TowerCommand Float(Wire.FloatOp op)
    {
        var a = TowerValue.FromFloat(op.Operand);
        return op.Op switch
        {
            Wire.FloatOpCode.Set => C(OpCode.SetFloat, op.Key, a),
            Wire.FloatOpCode.Get => C(OpCode.GetFloat, op.Key),
            Wire.FloatOpCode.Add => C(OpCode.AddFloat, op.Key, a),
            Wire.FloatOpCode.Sub => C(OpCode.SubFloat, op.Key, a),
            Wire.FloatOpCode.Mul => C(OpCode.MulFloat, op.Key, a),
            Wire.FloatOpCode.Div => C(OpCode.DivFloat, op.Key, a),
            Wire.FloatOpCode.Neg => C(OpCode.NegFloat, op.Key),
            Wire.FloatOpCode.Abs => C(OpCode.AbsFloat, op.Key),
            _ => Unknown("float", op.Op),
        };
    }

    private static TowerCommand Bool(Wire.BoolOp op) => op.Op switch
    {
        Wire.BoolOpCode.Set => C(OpCode.SetBool, op.Key, TowerValue.FromBool(op.Operand)),
        Wire.BoolOpCode.Get => C(OpCode.GetBool, op.Key),
        Wire.BoolOpCode.And => C(OpCode.AndBool, op.Key, KeyArg(op.KeyA, "key_a"), KeyArg(op.KeyB, "key_b")),
        Wire.BoolOpCode.Or => C(OpCode.OrBool, op.Key, KeyArg(op.KeyA, "key_a"), KeyArg(op.KeyB, "key_b")),
        Wire.BoolOpCode.Xor => C(OpCode.XorBool, op.Key, KeyArg(op.KeyA, "key_a"), KeyArg(op.KeyB, "key_b")),
        Wire.BoolOpCode.Not => C(OpCode.NotBool, op.Key),
        Wire.BoolOpCode.Toggle => C(OpCode.ToggleBool, op.Key),
        Wire.BoolOpCode.Equal => C(OpCode.EqualBool, op.Key, TowerValue.FromBool(op.Operand)),
        Wire.BoolOpCode.SetIfEqual => C(OpCode.SetBoolIfEqual, op.Key, TowerValue.FromBool(op.Operand), TowerValue.FromBool(op.Operand2)),
        _ => Unknown("bool", op.Op),
    };

    private static TowerCommand Timestamp(Wire.TimestampOp op) => op.Op switch
    {
        Wire.TimestampOpCode.Set => C(OpCode.SetTimestamp, op.Key, TimestampArg(op.Ticks)),
        Wire.TimestampOpCode.Get => C(OpCode.GetTimestamp, op.Key),
        Wire.TimestampOpCode.Add => C(OpCode.AddTimestamp, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        Wire.TimestampOpCode.Sub => C(OpCode.SubTimestamp, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        Wire.TimestampOpCode.Before => C(OpCode.BeforeTimestamp, op.Key, TimestampArg(op.Ticks)),
        Wire.TimestampOpCode.After => C(OpCode.AfterTimestamp, op.Key, TimestampArg(op.Ticks)),
        _ => Unknown("timestamp", op.Op),
    };

    private static TowerCommand Duration(Wire.DurationOp op) => op.Op switch
    {
        Wire.DurationOpCode.Set => C(OpCode.SetDuration, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        Wire.DurationOpCode.Get => C(OpCode.GetDuration, op.Key),
        Wire.DurationOpCode.Add => C(OpCode.AddDuration, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        Wire.DurationOpCode.Sub => C(OpCode.SubDuration, op.Key, TowerValue.FromDurationTicks(op.Ticks)),
        _ => Unknown("duration", op.Op),
    };

    private static TowerCommand Uuid(Wire.UuidOp op) => op.Op switch
    {
        Wire.UuidOpCode.Set => C(OpCode.SetUuid, op.Key, UuidArg(op.Value)),
        Wire.UuidOpCode.Get => C(OpCode.GetUuid, op.Key),
        Wire.UuidOpCode.Generate => C(OpCode.GenerateUuid, op.Key, TowerValue.FromUuid(Guid.NewGuid())),
        Wire.UuidOpCode.Equal => C(OpCode.EqualUuid, op.Key, UuidArg(op.Value)),
        Wire.UuidOpCode.Compare => C(OpCode.CompareUuid, op.Key, UuidArg(op.Value)),
        _ => Unknown("uuid", op.Op),
    };

    private static TowerCommand Binary(Wire.BinaryOp op) => op.Op switch
    {
        Wire.BinaryOpCode.Set => C(OpCode.SetBinary, op.Key, TowerValue.FromBytes(op.Value.ToByteArray())),
        Wire.BinaryOpCode.Get => C(OpCode.GetBinary, op.Key),
        Wire.BinaryOpCode.Append => C(OpCode.AppendBinary, op.Key, TowerValue.FromBytes(op.Value.ToByteArray())),
        _ => Unknown("binary", op.Op),
    };

    private static TowerCommand BigInt(Wire.BigIntOp op)
    {
        TowerValue A() => TowerValue.FromBigInt(ParseBigInt(op.Operand, "operand"));
        return op.Op switch
        {
            Wire.BigIntOpCode.Set => C(OpCode.SetBigInt, op.Key, A()),
            Wire.BigIntOpCode.Get => C(OpCode.GetBigInt, op.Key),
            Wire.BigIntOpCode.Add => C(OpCode.AddBigInt, op.Key, A()),
            Wire.BigIntOpCode.Sub => C(OpCode.SubBigInt, op.Key, A()),
            Wire.BigIntOpCode.Mul => C(OpCode.MulBigInt, op.Key, A()),
            Wire.BigIntOpCode.Div => C(OpCode.DivBigInt, op.Key, A()),
            Wire.BigIntOpCode.Mod => C(OpCode.ModBigInt, op.Key, A()),
            Wire.BigIntOpCode.Neg => C(OpCode.NegBigInt, op.Key),
            Wire.BigIntOpCode.Abs => C(OpCode.AbsBigInt, op.Key),
            Wire.BigIntOpCode.Cmp => C(OpCode.CmpBigInt, op.Key, A()),
            _ => Unknown("bigint", op.Op),
        };
    }

    private static TowerCommand Decimal(Wire.DecimalOp op)
    {
        TowerValue A() => TowerValue.FromDecimal(DecimalArg(op.Operand));
        return op.Op switch
        {
            Wire.DecimalOpCode.Set => C(OpCode.SetDecimal, op.Key, A()),
            Wire.DecimalOpCode.Get => C(OpCode.GetDecimal, op.Key),
            Wire.DecimalOpCode.Add => C(OpCode.AddDecimal, op.Key, A()),
            Wire.DecimalOpCode.Sub => C(OpCode.SubDecimal, op.Key, A()),
            Wire.DecimalOpCode.Mul => C(OpCode.MulDecimal, op.Key, A()),
            Wire.DecimalOpCode.Div => C(OpCode.DivDecimal, op.Key, A(), TowerValue.FromInt(op.ResultScale)),
            Wire.DecimalOpCode.Cmp => C(OpCode.CmpDecimal, op.Key, A()),
            Wire.DecimalOpCode.SetFromFloat => C(OpCode.SetDecimalFromFloat, op.Key, TowerValue.FromFloat(op.FloatValue), TowerValue.FromInt(op.Operand?.Scale ?? 0)),
            Wire.DecimalOpCode.GetAsFloat => C(OpCode.GetDecimalAsFloat, op.Key),
            _ => Unknown("decimal", op.Op),
        };
    }

    private static TowerCommand List(Wire.ListOp op) => op.Op switch
    {
        Wire.ListOpCode.Create => C(OpCode.CreateList, op.Key),
        Wire.ListOpCode.Exists => C(OpCode.ListExists, op.Key),
        Wire.ListOpCode.Length => C(OpCode.ListLength, op.Key),
        Wire.ListOpCode.PushLeft => C(OpCode.PushLeft, op.Key, ValueArg(op.Value, "value")),
        Wire.ListOpCode.PushRight => C(OpCode.PushRight, op.Key, ValueArg(op.Value, "value")),
        Wire.ListOpCode.PopLeft => C(OpCode.PopLeft, op.Key),
        Wire.ListOpCode.PopRight => C(OpCode.PopRight, op.Key),
        Wire.ListOpCode.Index => C(OpCode.ListIndex, op.Key, TowerValue.FromInt(op.Index)),
        Wire.ListOpCode.Range => C(OpCode.ListRange, op.Key, TowerValue.FromInt(op.Start), TowerValue.FromInt(op.Stop)),
        Wire.ListOpCode.Set => C(OpCode.ListSet, op.Key, TowerValue.FromInt(op.Index), ValueArg(op.Value, "value")),
        Wire.ListOpCode.Trim => C(OpCode.ListTrim, op.Key, TowerValue.FromInt(op.Start), TowerValue.FromInt(op.Stop)),
        Wire.ListOpCode.Delete => C(OpCode.DeleteList, op.Key),
        _ => Unknown("list", op.Op),
    };

    private static TowerCommand Map(Wire.MapOp op) => op.Op switch
    {
        Wire.MapOpCode.Create => C(OpCode.CreateMap, op.Key),
        Wire.MapOpCode.Exists => C(OpCode.MapExists, op.Key),
        Wire.MapOpCode.Length => C(OpCode.MapLength, op.Key),
        Wire.MapOpCode.Set => C(OpCode.MapSet, op.Key, ValueArg(op.Field, "field"), ValueArg(op.Value, "value")),
        Wire.MapOpCode.Get => C(OpCode.MapGet, op.Key, ValueArg(op.Field, "field")),
        Wire.MapOpCode.Keys => C(OpCode.MapKeys, op.Key),
        Wire.MapOpCode.Values => C(OpCode.MapValues, op.Key),
        Wire.MapOpCode.DeleteField => C(OpCode.MapDelete, op.Key, ValueArg(op.Field, "field")),
        Wire.MapOpCode.Clear => C(OpCode.ClearMap, op.Key),
        Wire.MapOpCode.Delete => C(OpCode.DeleteMap, op.Key),
        _ => Unknown("map", op.Op),
    };

    private static TowerCommand Set(Wire.SetOp op) => op.Op switch
    {
        Wire.SetOpCode.Create => C(OpCode.CreateSet, op.Key),
        Wire.SetOpCode.Exists => C(OpCode.SetExists, op.Key),
        Wire.SetOpCode.Cardinality => C(OpCode.SetCardinality, op.Key),
        Wire.SetOpCode.Add => C(OpCode.SetAdd, op.Key, TowerValue.FromString(op.Member)),
        Wire.SetOpCode.Remove => C(OpCode.SetRemove, op.Key, TowerValue.FromString(op.Member)),
        Wire.SetOpCode.IsMember => C(OpCode.SetIsMember, op.Key, TowerValue.FromString(op.Member)),
        Wire.SetOpCode.Members => C(OpCode.SetMembers, op.Key),
        Wire.SetOpCode.Clear => C(OpCode.ClearSet, op.Key),
        Wire.SetOpCode.Delete => C(OpCode.DeleteSet, op.Key),
        _ => Unknown("set", op.Op),
    };

    private static TowerCommand TimeSeries(Wire.TimeSeriesOp op) => op.Op switch
    {
        Wire.TimeSeriesOpCode.Create => C(OpCode.TimeSeriesCreate, op.Key),
        Wire.TimeSeriesOpCode.Exists => C(OpCode.TimeSeriesExists, op.Key),
        Wire.TimeSeriesOpCode.Add => C(OpCode.TimeSeriesAdd, op.Key, TimestampArg(op.TimestampTicks), ValueArg(op.Value, "value")),
        Wire.TimeSeriesOpCode.Get => C(OpCode.TimeSeriesGet, op.Key, TimestampArg(op.TimestampTicks)),
        Wire.TimeSeriesOpCode.Range => C(OpCode.TimeSeriesRange, op.Key, TimestampArg(op.TimestampTicks), TimestampArg(op.ToTicks)),
        Wire.TimeSeriesOpCode.Remove => C(OpCode.TimeSeriesRemove, op.Key, TimestampArg(op.TimestampTicks)),
        Wire.TimeSeriesOpCode.Delete => C(OpCode.DeleteTimeSeries, op.Key),
        _ => Unknown("time series", op.Op),
    };

    private static TowerCommand Bloom(Wire.BloomFilterOp op) => op.Op switch
    {
        Wire.BloomFilterOpCode.Create => C(OpCode.CreateBloomFilter, op.Key, TowerValue.FromInt(op.HashSlots)),
        Wire.BloomFilterOpCode.Add => C(OpCode.BloomFilterAdd, op.Key, TowerValue.FromString(op.Item)),
        Wire.BloomFilterOpCode.Contains => C(OpCode.BloomFilterContains, op.Key, TowerValue.FromString(op.Item)),
        Wire.BloomFilterOpCode.Count => C(OpCode.BloomFilterCount, op.Key),
        Wire.BloomFilterOpCode.Clear => C(OpCode.BloomFilterClear, op.Key),
        Wire.BloomFilterOpCode.Delete => C(OpCode.DeleteBloomFilter, op.Key),
        _ => Unknown("bloom filter", op.Op),
    };

    private static TowerCommand C(OpCode op, string key, TowerValue a = default, TowerValue b = default)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new RequestException("key is required and must not be empty");
        }

        if (key.StartsWith(Cluster.ClusterNode.ReservedKeyPrefix, StringComparison.Ordinal))
        {
            throw Reserved();
        }

        return new TowerCommand(op, Encoding.UTF8.GetBytes(key), a, b);
    }

    private static TowerValue Required(TowerValue value, string field) => value.IsNull ? throw Missing(field) : value;

    private static RequestException Missing(string field) => new($"field '{field}' is required for this operation");

    private static TowerCommand Unknown<T>(string family, T op) where T : struct, Enum =>
        throw new RequestException($"unknown {family} operation {Convert.ToInt32(op, CultureInfo.InvariantCulture)}");

    private static TowerValue KeyArg(string key, string field) =>
        string.IsNullOrEmpty(key) ? throw Missing(field)
        : key.StartsWith(Cluster.ClusterNode.ReservedKeyPrefix, StringComparison.Ordinal) ? throw Reserved()
        : TowerValue.FromBytes(Encoding.UTF8.GetBytes(key));

    private static RequestException Reserved() => new("keys starting with NUL + 'rafttower/' are reserved for the cluster's own use");

    private static TowerValue TimestampArg(long ticks) =>
        ticks is < 0 or > 3_155_378_975_999_999_999 ? throw new RequestException($"timestamp ticks {ticks} are outside 0001-01-01..9999-12-31") : TowerValue.FromTimestampTicks(ticks);

    private static TowerValue UuidArg(Google.Protobuf.ByteString bytes) =>
        bytes.Length == 16 ? TowerValue.FromUuid(new Guid(bytes.Span, bigEndian: true)) : throw new RequestException($"a UUID is 16 bytes, got {bytes.Length}");

    /// <summary>Parses decimal text, refusing more digits than a big integer may have before the (superlinear) parse.</summary>
    private static BigInteger ParseBigInt(string text, string field)
    {
        var digits = CodecLimits.Default.MaxBigIntDigits;
        if (text.Length > digits + 1)
        {
            throw new RequestException($"field '{field}' has {text.Length} characters; big integers and decimal coefficients have at most {digits} digits ({CodecLimits.Default.MaxBigIntBytes} bytes)");
        }

        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RequestException($"field '{field}' is not a decimal integer: '{Truncate(text)}'");
    }

    private static TowerDecimal DecimalArg(Wire.Decimal? value) => value is null
        ? throw Missing("operand")
        : new TowerDecimal(ParseBigInt(value.Coefficient, "operand.coefficient"), value.Scale);

    private static TowerValue ValueArg(Wire.Value? value, string field) => value?.KindCase switch
    {
        Wire.Value.KindOneofCase.String => TowerValue.FromString(value.String),
        Wire.Value.KindOneofCase.Int => TowerValue.FromInt(value.Int),
        Wire.Value.KindOneofCase.Float => TowerValue.FromFloat(value.Float),
        Wire.Value.KindOneofCase.Bool => TowerValue.FromBool(value.Bool),
        Wire.Value.KindOneofCase.Binary => TowerValue.FromBytes(value.Binary.ToByteArray()),
        Wire.Value.KindOneofCase.TimestampTicks => TimestampArg(value.TimestampTicks),
        Wire.Value.KindOneofCase.DurationTicks => TowerValue.FromDurationTicks(value.DurationTicks),
        Wire.Value.KindOneofCase.Uuid => UuidArg(value.Uuid),
        Wire.Value.KindOneofCase.Bigint => TowerValue.FromBigInt(ParseBigInt(value.Bigint, field)),
        Wire.Value.KindOneofCase.Decimal => TowerValue.FromDecimal(DecimalArg(value.Decimal)),
        _ => throw Missing(field),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
