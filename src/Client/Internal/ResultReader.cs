using System.Numerics;
using Wire = RaftTower.Protocol.V1;
using Kind = RaftTower.Protocol.V1.Result.KindOneofCase;

namespace RaftTower.Client.Internal;

/// <summary>
/// Reads an Execute result as the CLR type the public method returns. An absent result is null for getters; a
/// result of the wrong kind is a client/node version mismatch and fails with <see cref="TowerErrorCode.Internal"/>.
/// </summary>
internal static class ResultReader
{
    public static bool AsBoolean(this Reply reply) => Required(reply, Kind.Bool, static r => r.Bool);

    public static bool? AsNullableBoolean(this Reply reply) => Optional(reply, Kind.Bool, static r => r.Bool);

    public static long AsInt64(this Reply reply) => Required(reply, Kind.Int, static r => r.Int);

    public static long? AsNullableInt64(this Reply reply) => Optional(reply, Kind.Int, static r => r.Int);

    /// <summary>A comparison: the sign of the node's answer (-1, 0 or 1).</summary>
    public static int AsComparison(this Reply reply) => Math.Sign(Required(reply, Kind.Int, static r => r.Int));

    public static double AsDouble(this Reply reply) => Required(reply, Kind.Float, static r => r.Float);

    public static double? AsNullableDouble(this Reply reply) => Optional(reply, Kind.Float, static r => r.Float);

    public static string AsString(this Reply reply) => Required(reply, Kind.String, static r => r.String);

    public static string? AsNullableString(this Reply reply) => reply.Result is null ? null : reply.AsString();

    public static byte[]? AsNullableBytes(this Reply reply) => reply.Result is null ? null : Required(reply, Kind.Binary, static r => r.Binary.ToByteArray());

    public static DateTimeOffset AsTimestamp(this Reply reply) => Required(reply, Kind.TimestampTicks, static r => WireValues.Timestamp(r.TimestampTicks));

    public static DateTimeOffset? AsNullableTimestamp(this Reply reply) => Optional(reply, Kind.TimestampTicks, static r => WireValues.Timestamp(r.TimestampTicks));

    public static TimeSpan AsDuration(this Reply reply) => Required(reply, Kind.DurationTicks, static r => TimeSpan.FromTicks(r.DurationTicks));

    public static TimeSpan? AsNullableDuration(this Reply reply) => Optional(reply, Kind.DurationTicks, static r => TimeSpan.FromTicks(r.DurationTicks));

    public static Guid AsGuid(this Reply reply) => Required(reply, Kind.Uuid, static r => WireValues.Uuid(r.Uuid));

    public static Guid? AsNullableGuid(this Reply reply) => Optional(reply, Kind.Uuid, static r => WireValues.Uuid(r.Uuid));

    public static BigInteger AsBigInteger(this Reply reply) => Required(reply, Kind.Bigint, static r => WireValues.BigInt(r.Bigint));

    public static BigInteger? AsNullableBigInteger(this Reply reply) => Optional(reply, Kind.Bigint, static r => WireValues.BigInt(r.Bigint));

    public static TowerDecimal AsDecimal(this Reply reply) => Required(reply, Kind.Decimal, static r => WireValues.Decimal(r.Decimal));

    public static TowerDecimal? AsNullableDecimal(this Reply reply) => Optional(reply, Kind.Decimal, static r => WireValues.Decimal(r.Decimal));

    public static TowerType? AsNullableType(this Reply reply) =>
        reply.Result is null ? null : Required(reply, Kind.Type, static r => WireValues.TypeFromWire(r.Type));

    public static TowerValue? AsNullableValue(this Reply reply) =>
        reply.Result is null ? (TowerValue?)null : Required(reply, Kind.Value, static r => WireValues.FromWire(r.Value) ?? throw new FormatException("an empty value"));

    public static IReadOnlyList<TowerValue> AsValues(this Reply reply) =>
        reply.Result is null ? [] : Required(reply, Kind.Values, static r => r.Values.Items.Select(ReadValue).ToArray());

    public static IReadOnlyList<string> AsStrings(this Reply reply) =>
        reply.Result is null ? [] : Required(reply, Kind.Strings, static r => r.Strings.Items.ToArray());

    public static IReadOnlyList<TimeSeriesPoint> AsPoints(this Reply reply) =>
        reply.Result is null
            ? []
            : Required(reply, Kind.Points, static r => r.Points.Items.Select(p => new TimeSeriesPoint(WireValues.Timestamp(p.TimestampTicks), ReadValue(p.Value))).ToArray());

    private static TowerValue ReadValue(Wire.Value value) =>
        (value is null ? null : WireValues.FromWire(value)) ?? throw new FormatException("an empty value in a collection");

    private static T? Optional<T>(Reply reply, Kind kind, Func<Wire.Result, T> read)
        where T : struct =>
        reply.Result is null ? null : Required(reply, kind, read);

    private static T Required<T>(Reply reply, Kind kind, Func<Wire.Result, T> read)
    {
        if (reply.Result is { } result && result.KindCase == kind)
        {
            try
            {
                return read(result);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw TowerErrors.UnexpectedResult(reply.Operation, $"a readable {kind} ({e.Message})", result, reply.IsWrite);
            }
        }

        throw TowerErrors.UnexpectedResult(reply.Operation, $"a {kind} result", reply.Result, reply.IsWrite);
    }
}
