using Google.Protobuf;
using RaftTower.Protocol.V1;
using static RaftTower.Client.Tests.Operations.OperationCase;

namespace RaftTower.Client.Tests.Operations;

/// <summary>Every collection method of SPEC §3: list, map, set, time series, bloom filter.</summary>
public static partial class OperationCases
{
    // Lazy: the static fields of the other partial file must be initialized first.
    private static readonly Lazy<IReadOnlyDictionary<string, OperationCase>> Table =
        new(() => Scalars().Concat(Collections()).ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, OperationCase> All => Table.Value;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    private static IEnumerable<OperationCase> Collections()
    {
        var mixed = new ValueList { Items = { new Value { Int = 42 }, new Value { String = "42" }, new Value { Binary = ByteString.CopyFrom(1) }, new Value { Decimal = new Protocol.V1.Decimal { Coefficient = "-5", Scale = 1 } } } };
        var mixedValues = new TowerValue[] { 42L, "42", new byte[] { 1 }, new TowerDecimal(-5, 1) };

        // List.
        yield return W("CreateListAsync", c => Value(c.CreateListAsync("k")), L(ListOpCode.Create), new Result { Bool = true }, true);
        yield return R("ListExistsAsync", c => Value(c.ListExistsAsync("k")), L(ListOpCode.Exists), new Result { Bool = true }, true);
        yield return R("ListLengthAsync", c => Value(c.ListLengthAsync("k")), L(ListOpCode.Length), new Result { Int = 3 }, 3L);
        yield return W("PushLeftAsync", c => Value(c.PushLeftAsync("k", 42L)), L(ListOpCode.PushLeft, l => l.Value = new Value { Int = 42 }), new Result { Int = 1 }, 1L);
        yield return W("PushRightAsync", c => Value(c.PushRightAsync("k", "x")), L(ListOpCode.PushRight, l => l.Value = new Value { String = "x" }), new Result { Int = 2 }, 2L);
        yield return W("PopLeftAsync", c => Value(c.PopLeftAsync("k")), L(ListOpCode.PopLeft), new Result { Value = new Value { Bool = true } }, (TowerValue?)true);
        yield return W("PopRightAsync empty", c => Value(c.PopRightAsync("k")), L(ListOpCode.PopRight), null, null);
        yield return R("ListIndexAsync", c => Value(c.ListIndexAsync("k", -1)), L(ListOpCode.Index, l => l.Index = -1), new Result { Value = new Value { Float = 2.5 } }, (TowerValue?)2.5);
        yield return R("ListRangeAsync", c => Value(c.ListRangeAsync("k", 0, -1)), L(ListOpCode.Range, l => (l.Start, l.Stop) = (0, -1)), new Result { Values = mixed }, mixedValues);
        yield return R("ListRangeAsync missing", c => Value(c.ListRangeAsync("k", 0, -1)), L(ListOpCode.Range, l => (l.Start, l.Stop) = (0, -1)), null, Array.Empty<TowerValue>());
        yield return W("ListSetAsync", c => Nothing(c.ListSetAsync("k", 2, TimeSpan.FromTicks(5))), L(ListOpCode.Set, l => (l.Index, l.Value) = (2, new Value { DurationTicks = 5 })), null, null);
        yield return W("ListTrimAsync", c => Nothing(c.ListTrimAsync("k", 1, 3)), L(ListOpCode.Trim, l => (l.Start, l.Stop) = (1, 3)), null, null);
        yield return W("DeleteListAsync", c => Value(c.DeleteListAsync("k")), L(ListOpCode.Delete), new Result { Bool = true }, true);

        // Map.
        yield return W("CreateMapAsync", c => Value(c.CreateMapAsync("k")), M(MapOpCode.Create), new Result { Bool = false }, false);
        yield return R("MapExistsAsync", c => Value(c.MapExistsAsync("k")), M(MapOpCode.Exists), new Result { Bool = true }, true);
        yield return R("MapLengthAsync", c => Value(c.MapLengthAsync("k")), M(MapOpCode.Length), new Result { Int = 2 }, 2L);
        yield return W("MapSetAsync", c => Nothing(c.MapSetAsync("k", 42L, "v")), M(MapOpCode.Set, m => (m.Field, m.Value) = (new Value { Int = 42 }, new Value { String = "v" })), null, null);
        yield return R("MapGetAsync", c => Value(c.MapGetAsync("k", "42")), M(MapOpCode.Get, m => m.Field = new Value { String = "42" }), new Result { Value = new Value { String = "v" } }, (TowerValue?)"v");
        yield return R("MapGetAsync missing", c => Value(c.MapGetAsync("k", "42")), M(MapOpCode.Get, m => m.Field = new Value { String = "42" }), null, null);
        yield return R("MapKeysAsync", c => Value(c.MapKeysAsync("k")), M(MapOpCode.Keys), new Result { Values = mixed }, mixedValues);
        yield return R("MapValuesAsync", c => Value(c.MapValuesAsync("k")), M(MapOpCode.Values), new Result { Values = mixed }, mixedValues);
        yield return W("MapDeleteAsync", c => Value(c.MapDeleteAsync("k", 42L)), M(MapOpCode.DeleteField, m => m.Field = new Value { Int = 42 }), new Result { Int = 1 }, 1L);
        yield return W("ClearMapAsync", c => Nothing(c.ClearMapAsync("k")), M(MapOpCode.Clear), null, null);
        yield return W("DeleteMapAsync", c => Value(c.DeleteMapAsync("k")), M(MapOpCode.Delete), new Result { Bool = true }, true);

        // Set.
        yield return W("CreateSetAsync", c => Value(c.CreateSetAsync("k")), St(SetOpCode.Create), new Result { Bool = true }, true);
        yield return R("SetExistsAsync", c => Value(c.SetExistsAsync("k")), St(SetOpCode.Exists), new Result { Bool = false }, false);
        yield return R("SetCardinalityAsync", c => Value(c.SetCardinalityAsync("k")), St(SetOpCode.Cardinality), new Result { Int = 4 }, 4L);
        yield return W("SetAddAsync", c => Value(c.SetAddAsync("k", "m")), St(SetOpCode.Add, "m"), new Result { Int = 5 }, 5L);
        yield return W("SetRemoveAsync", c => Value(c.SetRemoveAsync("k", "m")), St(SetOpCode.Remove, "m"), new Result { Int = 4 }, 4L);
        yield return R("SetIsMemberAsync", c => Value(c.SetIsMemberAsync("k", "m")), St(SetOpCode.IsMember, "m"), new Result { Bool = true }, true);
        yield return R("SetMembersAsync", c => Value(c.SetMembersAsync("k")), St(SetOpCode.Members), new Result { Strings = new StringList { Items = { "a", "b" } } }, new[] { "a", "b" });
        yield return W("ClearSetAsync", c => Nothing(c.ClearSetAsync("k")), St(SetOpCode.Clear), null, null);
        yield return W("DeleteSetAsync", c => Value(c.DeleteSetAsync("k")), St(SetOpCode.Delete), new Result { Bool = true }, true);

        // Time series.
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var t1 = t0.AddMinutes(1);
        var points = new TimeSeriesPoints { Items = { new Protocol.V1.TimeSeriesPoint { TimestampTicks = t0.UtcTicks, Value = new Value { Float = 1.5 } }, new Protocol.V1.TimeSeriesPoint { TimestampTicks = t1.UtcTicks, Value = new Value { Int = 2 } } } };
        yield return W("TimeSeriesCreateAsync", c => Value(c.TimeSeriesCreateAsync("k")), Ts(TimeSeriesOpCode.Create), new Result { Bool = true }, true);
        yield return R("TimeSeriesExistsAsync", c => Value(c.TimeSeriesExistsAsync("k")), Ts(TimeSeriesOpCode.Exists), new Result { Bool = true }, true);
        yield return W("TimeSeriesAddAsync", c => Nothing(c.TimeSeriesAddAsync("k", t0, 1.5)), Ts(TimeSeriesOpCode.Add, t => (t.TimestampTicks, t.Value) = (t0.UtcTicks, new Value { Float = 1.5 })), null, null);
        yield return R("TimeSeriesGetAsync", c => Value(c.TimeSeriesGetAsync("k", t0)), Ts(TimeSeriesOpCode.Get, t => t.TimestampTicks = t0.UtcTicks), new Result { Value = new Value { Float = 1.5 } }, (TowerValue?)1.5);
        yield return R("TimeSeriesRangeAsync", c => Value(c.TimeSeriesRangeAsync("k", t0, t1)), Ts(TimeSeriesOpCode.Range, t => (t.TimestampTicks, t.ToTicks) = (t0.UtcTicks, t1.UtcTicks)), new Result { Points = points }, new[] { new TimeSeriesPoint(t0, 1.5), new TimeSeriesPoint(t1, 2L) });
        yield return W("TimeSeriesRemoveAsync", c => Value(c.TimeSeriesRemoveAsync("k", t0)), Ts(TimeSeriesOpCode.Remove, t => t.TimestampTicks = t0.UtcTicks), new Result { Bool = true }, true);
        yield return W("DeleteTimeSeriesAsync", c => Value(c.DeleteTimeSeriesAsync("k")), Ts(TimeSeriesOpCode.Delete), new Result { Bool = true }, true);

        // Bloom filter.
        yield return W("CreateBloomFilterAsync", c => Value(c.CreateBloomFilterAsync("k", 5)), Bf(BloomFilterOpCode.Create, b => b.HashSlots = 5), new Result { Bool = true }, true);
        yield return W("CreateBloomFilterAsync default slots", c => Value(c.CreateBloomFilterAsync("k")), Bf(BloomFilterOpCode.Create), new Result { Bool = true }, true);
        yield return W("BloomFilterAddAsync", c => Nothing(c.BloomFilterAddAsync("k", "item")), Bf(BloomFilterOpCode.Add, b => b.Item = "item"), null, null);
        yield return R("BloomFilterContainsAsync", c => Value(c.BloomFilterContainsAsync("k", "item")), Bf(BloomFilterOpCode.Contains, b => b.Item = "item"), new Result { Bool = true }, true);
        yield return R("BloomFilterCountAsync", c => Value(c.BloomFilterCountAsync("k")), Bf(BloomFilterOpCode.Count), new Result { Int = 9 }, 9L);
        yield return W("BloomFilterClearAsync", c => Nothing(c.BloomFilterClearAsync("k")), Bf(BloomFilterOpCode.Clear), null, null);
        yield return W("DeleteBloomFilterAsync", c => Value(c.DeleteBloomFilterAsync("k")), Bf(BloomFilterOpCode.Delete), new Result { Bool = false }, false);
    }

    private static ExecuteRequest L(ListOpCode op, Action<ListOp>? more = null) => With(new ListOp { Op = op, Key = "k" }, more, m => new() { List = m });

    private static ExecuteRequest M(MapOpCode op, Action<MapOp>? more = null) => With(new MapOp { Op = op, Key = "k" }, more, m => new() { Map = m });

    private static ExecuteRequest St(SetOpCode op, string member = "") => new() { Set = new SetOp { Op = op, Key = "k", Member = member } };

    private static ExecuteRequest Ts(TimeSeriesOpCode op, Action<TimeSeriesOp>? more = null) => With(new TimeSeriesOp { Op = op, Key = "k" }, more, m => new() { TimeSeries = m });

    private static ExecuteRequest Bf(BloomFilterOpCode op, Action<BloomFilterOp>? more = null) => With(new BloomFilterOp { Op = op, Key = "k" }, more, m => new() { BloomFilter = m });

    private static ExecuteRequest With<T>(T op, Action<T>? more, Func<T, ExecuteRequest> wrap)
    {
        more?.Invoke(op);
        return wrap(op);
    }
}
