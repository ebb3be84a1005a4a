using System.Numerics;
using System.Text;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Apply;

internal sealed partial class CommandExecutor
{
    private static readonly CodecLimits StoredLimits = new() { MaxKeyBytes = int.MaxValue, MaxValueBytes = int.MaxValue, MaxBigIntBytes = int.MaxValue };

    /// <summary>Computes a scalar write from the current value (the type's zero when missing).</summary>
    private delegate Outcome ScalarUpdate(TowerValue current, bool exists, TowerCommand command);

    /// <summary>Answers a scalar query from the current value (the type's zero when missing).</summary>
    private delegate TowerResult ScalarQuery(TowerValue current, bool exists, TowerCommand command);

    /// <summary>The value a missing key of <paramref name="type"/> starts from (SPEC §4).</summary>
    internal static TowerValue ZeroOf(TowerType type) => type switch
    {
        TowerType.String => TowerValue.FromString(string.Empty),
        TowerType.Int => TowerValue.FromInt(0),
        TowerType.Float => TowerValue.FromFloat(0),
        TowerType.Bool => TowerValue.FromBool(false),
        TowerType.Timestamp => TowerValue.FromTimestampTicks(0),
        TowerType.Duration => TowerValue.FromDurationTicks(0),
        TowerType.Uuid => TowerValue.FromUuid(Guid.Empty),
        TowerType.Binary => TowerValue.FromBytes([]),
        TowerType.BigInt => TowerValue.FromBigInt(BigInteger.Zero),
        TowerType.Decimal => TowerValue.FromDecimal(TowerDecimal.Zero),
        _ => TowerValue.Null,
    };

    private TowerValue DecodeStoredScalar(TowerType type)
    {
        var reader = new WireReader(Payload);
        return TowerValueCodec.ReadPayload(ref reader, type, StoredLimits);
    }

    /// <summary>Stores <paramref name="value"/> under the key, keeping a live key's TTL (SPEC is silent; we keep it
    /// for every write, like Redis' INCR family, so that only Delete, SetTtl and RemoveTtl touch a key's expiry).</summary>
    private TowerResult StoreScalar(ReadOnlySpan<byte> key, in KeyInfo info, TowerValue value, TowerValue result)
    {
        var size = value.Type switch
        {
            TowerType.String => Encoding.UTF8.GetByteCount(value.AsString()),
            TowerType.Binary => value.AsBytes().LongLength,
            TowerType.BigInt => value.AsBigInt().GetByteCount(),
            TowerType.Decimal => value.AsDecimal().Coefficient.GetByteCount(),
            _ => 0L,
        };
        if (value.Type is TowerType.BigInt or TowerType.Decimal && size > BigNumberLimit)
        {
            var what = value.Type == TowerType.BigInt ? "big integer" : "decimal coefficient";
            return TowerResult.Error(ResultStatus.Overflow, $"the new {what} of {size} bytes overflows the limit of {BigNumberLimit}");
        }

        if (size > Limits.MaxValueBytes)
        {
            return Invalid($"the new value of {size} bytes is over the limit of {Limits.MaxValueBytes}");
        }

        var writer = BeginKeyRecord();
        TowerValueCodec.WritePayload(writer, value);

        if (info.State == KeyState.Expired)
        {
            Purge(key, info);
        }

        CommitKey(key, value.Type, info.IsLive ? info.Expiry : 0);
        return Ok(result);
    }

    /// <summary>Replaces the key's value with <paramref name="command"/>'s first argument.</summary>
    private TowerResult SetScalar(TowerCommand command, TowerType type)
    {
        var info = ReadKey(command.Key);
        if (info.IsLive && info.Type != type)
        {
            return WrongType(info.Type, type);
        }

        return StoreScalar(command.Key, info, command.A, command.A);
    }

    private TowerResult UpdateScalar(TowerCommand command, TowerType type, ScalarUpdate update)
    {
        var info = ReadKey(command.Key);
        if (info.IsLive && info.Type != type)
        {
            return WrongType(info.Type, type);
        }

        var current = info.IsLive ? DecodeStoredScalar(type) : ZeroOf(type);
        var outcome = update(current, info.IsLive, command);
        if (outcome.Status != ResultStatus.Ok)
        {
            return TowerResult.Error(outcome.Status, outcome.Message ?? outcome.Status.ToString());
        }

        if (outcome.Delete)
        {
            if (info.State != KeyState.Absent)
            {
                Purge(command.Key, info);
            }

            return Ok(outcome.Result);
        }

        return outcome.Store.IsNull ? Ok(outcome.Result) : StoreScalar(command.Key, info, outcome.Store, outcome.Result);
    }

    private TowerResult QueryScalar(TowerCommand command, TowerType type, ScalarQuery query)
    {
        var info = ReadKey(command.Key);
        if (info.IsLive && info.Type != type)
        {
            return WrongType(info.Type, type);
        }

        return query(info.IsLive ? DecodeStoredScalar(type) : ZeroOf(type), info.IsLive, command);
    }

    /// <summary>The stored value, or null for a missing key (SPEC §4: getters return null).</summary>
    private TowerResult GetScalar(TowerCommand command, TowerType type) =>
        QueryScalar(command, type, static (current, exists, _) => TowerResult.Ok(exists ? current : TowerValue.Null));

    private static TowerResult Sign(int comparison) => TowerResult.Ok(TowerValue.FromInt(Math.Sign(comparison)));
}
