using System.Text;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Model;

namespace RaftTower.Node.Api;

/// <summary>
/// Checks a translated command against what the state machine's decoder would refuse, directly on the command, so the
/// hot path does not decode every write it has just encoded (nor encode every query only to decode it again).
/// </summary>
/// <remarks>
/// Only argument kinds whose every decode-time check is a size limit, UTF-8 validity or a tick range are settled here;
/// anything else (dynamic values, big integers, decimals, expiry batches) answers <c>false</c> and the caller falls back
/// to the full encode-and-decode round trip, so the refusals stay exactly the decoder's.
/// </remarks>
internal static class CommandLimits
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// True when <paramref name="command"/> is known to decode under <paramref name="limits"/>; false when it needs the
    /// decoder to tell (it may still be valid).
    /// </summary>
    public static bool KnownValid(TowerCommand command, CodecLimits limits)
    {
        if (command.Key is null || command.Key.Length > limits.MaxKeyBytes || command.Op == OpCode.ExpireKeys || !OperationInfo.IsDefined(command.Op))
        {
            return false;
        }

        var kinds = OperationInfo.ArgumentsOf(command.Op);
        return (kinds.Length < 1 || KnownValid(kinds[0], command.A, limits))
            && (kinds.Length < 2 || KnownValid(kinds[1], command.B, limits));
    }

    private static bool KnownValid(ArgKind kind, TowerValue value, CodecLimits limits) => kind switch
    {
        ArgKind.String => value.Type == TowerType.String && StringFits(value.AsString(), limits.MaxValueBytes),
        ArgKind.NullableString => value.Type == TowerType.None || (value.Type == TowerType.String && StringFits(value.AsString(), limits.MaxValueBytes)),
        ArgKind.Int => value.Type == TowerType.Int,
        ArgKind.Float => value.Type == TowerType.Float,
        ArgKind.Bool => value.Type == TowerType.Bool,
        ArgKind.Timestamp => value.Type == TowerType.Timestamp && value.AsTimestampTicks() is >= 0 and <= 3_155_378_975_999_999_999,
        ArgKind.Duration => value.Type == TowerType.Duration,
        ArgKind.Uuid => value.Type == TowerType.Uuid,
        ArgKind.Binary => value.Type == TowerType.Binary && value.AsBytes().Length <= limits.MaxValueBytes,
        ArgKind.Key => value.Type == TowerType.Binary && value.AsBytes().Length <= limits.MaxKeyBytes,
        _ => false,
    };

    private static bool StringFits(string value, int maxBytes)
    {
        // Every UTF-16 unit is at most 3 UTF-8 bytes: short strings need no count, only the lone-surrogate check.
        if ((long)value.Length * 3 > maxBytes)
        {
            try
            {
                return StrictUtf8.GetByteCount(value) <= maxBytes;
            }
            catch (EncoderFallbackException)
            {
                return false;
            }
        }

        return !HasLoneSurrogate(value);
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }
}
