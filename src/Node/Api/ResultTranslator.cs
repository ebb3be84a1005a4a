using System.Globalization;
using Google.Protobuf;
using RaftTower.StateMachine.Model;
using Wire = RaftTower.Protocol.V1;

namespace RaftTower.Node.Api;

/// <summary>
/// Turns the state machine's <see cref="TowerResult"/> into the wire response. The result kind follows the operation
/// (tower.proto): elements of collections come back as <c>value</c>, whole collections as <c>values</c>,
/// <c>strings</c> or <c>points</c>, <c>TypeOf</c> as <c>type</c>, everything else as the scalar of its own type.
/// </summary>
internal static class ResultTranslator
{
    public static Wire.ExecuteResponse Translate(OpCode op, in TowerResult result)
    {
        if (!result.IsOk)
        {
            return Error(ErrorCode(result.Status), result.Message ?? result.Status.ToString());
        }

        var response = new Wire.ExecuteResponse();
        switch (op)
        {
            case OpCode.TypeOf:
                if (!result.Value.IsNull)
                {
                    response.Result = new Wire.Result { Type = Type((TowerType)result.Value.AsInt()) };
                }

                break;
            case OpCode.PopLeft or OpCode.PopRight or OpCode.ListIndex or OpCode.MapGet or OpCode.TimeSeriesGet:
                if (!result.Value.IsNull)
                {
                    response.Result = new Wire.Result { Value = Value(result.Value) };
                }

                break;
            case OpCode.SetMembers:
                var strings = new Wire.StringList();
                strings.Items.AddRange((result.Items ?? []).Select(v => v.AsString()));
                response.Result = new Wire.Result { Strings = strings };
                break;
            case OpCode.ListRange or OpCode.MapKeys or OpCode.MapValues:
                var values = new Wire.ValueList();
                values.Items.AddRange((result.Items ?? []).Select(Value));
                response.Result = new Wire.Result { Values = values };
                break;
            case OpCode.TimeSeriesRange:
                var points = new Wire.TimeSeriesPoints();
                points.Items.AddRange((result.Points ?? []).Select(p => new Wire.TimeSeriesPoint { TimestampTicks = p.TimestampTicks, Value = Value(p.Value) }));
                response.Result = new Wire.Result { Points = points };
                break;
            default:
                if (!result.Value.IsNull)
                {
                    response.Result = Scalar(result.Value);
                }

                break;
        }

        return response;
    }

    public static Wire.ExecuteResponse Error(Wire.ErrorCode code, string message, string? leaderHint = null, long term = 0) => new()
    {
        Error = new Wire.Error { Code = code, Message = message, LeaderHint = leaderHint ?? string.Empty, Term = (ulong)Math.Max(0, term) },
    };

    private static Wire.ErrorCode ErrorCode(ResultStatus status) => status switch
    {
        ResultStatus.WrongType => Wire.ErrorCode.WrongType,
        ResultStatus.InvalidArgument => Wire.ErrorCode.InvalidArgument,
        ResultStatus.DivideByZero => Wire.ErrorCode.DivideByZero,
        ResultStatus.Overflow => Wire.ErrorCode.Overflow,
        ResultStatus.OutOfRange => Wire.ErrorCode.OutOfRange,
        ResultStatus.AlreadyExists => Wire.ErrorCode.AlreadyExists,
        ResultStatus.NotFound => Wire.ErrorCode.NotFound,
        ResultStatus.StaleSequence => Wire.ErrorCode.SessionExpired,
        _ => Wire.ErrorCode.Internal,
    };

    private static Wire.Result Scalar(TowerValue value) => value.Type switch
    {
        TowerType.String => new Wire.Result { String = value.AsString() },
        TowerType.Int => new Wire.Result { Int = value.AsInt() },
        TowerType.Float => new Wire.Result { Float = value.AsFloat() },
        TowerType.Bool => new Wire.Result { Bool = value.AsBool() },
        TowerType.Binary => new Wire.Result { Binary = ByteString.CopyFrom(value.AsBytes()) },
        TowerType.Timestamp => new Wire.Result { TimestampTicks = value.AsTimestampTicks() },
        TowerType.Duration => new Wire.Result { DurationTicks = value.AsDurationTicks() },
        TowerType.Uuid => new Wire.Result { Uuid = Uuid(value.AsUuid()) },
        TowerType.BigInt => new Wire.Result { Bigint = value.AsBigInt().ToString(CultureInfo.InvariantCulture) },
        TowerType.Decimal => new Wire.Result { Decimal = Decimal(value.AsDecimal()) },
        _ => throw new InvalidOperationException($"a {value.Type} cannot be a scalar result"),
    };

    private static Wire.Value Value(TowerValue value) => value.Type switch
    {
        TowerType.String => new Wire.Value { String = value.AsString() },
        TowerType.Int => new Wire.Value { Int = value.AsInt() },
        TowerType.Float => new Wire.Value { Float = value.AsFloat() },
        TowerType.Bool => new Wire.Value { Bool = value.AsBool() },
        TowerType.Binary => new Wire.Value { Binary = ByteString.CopyFrom(value.AsBytes()) },
        TowerType.Timestamp => new Wire.Value { TimestampTicks = value.AsTimestampTicks() },
        TowerType.Duration => new Wire.Value { DurationTicks = value.AsDurationTicks() },
        TowerType.Uuid => new Wire.Value { Uuid = Uuid(value.AsUuid()) },
        TowerType.BigInt => new Wire.Value { Bigint = value.AsBigInt().ToString(CultureInfo.InvariantCulture) },
        TowerType.Decimal => new Wire.Value { Decimal = Decimal(value.AsDecimal()) },
        _ => throw new InvalidOperationException($"a {value.Type} cannot be an element value"),
    };

    private static ByteString Uuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return ByteString.CopyFrom(bytes);
    }

    private static Wire.Decimal Decimal(TowerDecimal value) =>
        new() { Coefficient = value.Coefficient.ToString(CultureInfo.InvariantCulture), Scale = value.Scale };

    private static Wire.TowerType Type(TowerType type) => type switch
    {
        TowerType.String => Wire.TowerType.String,
        TowerType.Int => Wire.TowerType.Int,
        TowerType.Float => Wire.TowerType.Float,
        TowerType.Bool => Wire.TowerType.Bool,
        TowerType.Timestamp => Wire.TowerType.Timestamp,
        TowerType.Duration => Wire.TowerType.Duration,
        TowerType.Uuid => Wire.TowerType.Uuid,
        TowerType.Binary => Wire.TowerType.Binary,
        TowerType.BigInt => Wire.TowerType.Bigint,
        TowerType.Decimal => Wire.TowerType.Decimal,
        TowerType.List => Wire.TowerType.List,
        TowerType.Map => Wire.TowerType.Map,
        TowerType.Set => Wire.TowerType.Set,
        TowerType.TimeSeries => Wire.TowerType.TimeSeries,
        TowerType.BloomFilter => Wire.TowerType.BloomFilter,
        _ => Wire.TowerType.Unspecified,
    };
}
