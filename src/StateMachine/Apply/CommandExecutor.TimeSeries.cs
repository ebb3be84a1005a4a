using System.Buffers.Binary;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

// A time series is a B+tree (OrderedIndex) of (timestamp BE → value) under its collection id: add/get/remove O(log n),
// range O(log n + k). A point added at an existing timestamp replaces it.
internal sealed partial class CommandExecutor
{
    private TowerResult ExecuteTimeSeries(TowerCommand c)
    {
        switch (c.Op)
        {
            case OpCode.TimeSeriesCreate:
                return Create(c, TowerType.TimeSeries);
            case OpCode.DeleteTimeSeries:
                return Delete(c, TowerType.TimeSeries);
        }

        if (Find(c.Key, TowerType.TimeSeries, out var info) is { } error)
        {
            return error;
        }

        Span<byte> at = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(at, c.A.Type == TowerType.Timestamp ? c.A.AsTimestampTicks() : 0);
        switch (c.Op)
        {
            case OpCode.TimeSeriesExists:
                return Ok(info.IsLive);
            case OpCode.TimeSeriesAdd:
                var h = OpenOrCreate(c.Key, ref info);
                var series = OpenSeries(h.Id);
                series.Put(at, EncodeElement(c.B));
                if (!info.IsLive)
                {
                    SaveHeader(c.Key, info, TowerType.TimeSeries, h);
                }

                return Ok(series.Count);
            case OpCode.TimeSeriesGet:
                _element.ResetWrittenCount();
                return Ok(info.IsLive && OpenSeries(info.Collection.Id).TryGet(at, _element) ? DecodeElement(_element.WrittenSpan) : TowerValue.Null);
            case OpCode.TimeSeriesRemove:
                return Ok(info.IsLive && OpenSeries(info.Collection.Id).Remove(at));
            default:
                var points = new List<TimeSeriesPoint>();
                if (info.IsLive && c.A.AsTimestampTicks() <= c.B.AsTimestampTicks())
                {
                    Span<byte> to = stackalloc byte[8];
                    BinaryPrimitives.WriteInt64BigEndian(to, c.B.AsTimestampTicks());
                    foreach (var point in OpenSeries(info.Collection.Id).Range(at, to))
                    {
                        points.Add(new TimeSeriesPoint(BinaryPrimitives.ReadInt64BigEndian(point.Key), DecodeElement(point.Value)));
                    }
                }

                return TowerResult.OfPoints(points);
        }
    }

    private OrderedIndex OpenSeries(long id) => new(_store, ElementKey(id, ElementTag.TimeSeries, []));
}
