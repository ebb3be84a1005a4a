using FASTER.core;

namespace RaftTower.StateMachine.Faster.Internal;

/// <summary>
/// FASTER callbacks for byte keys and values. Upserts, in-place shrinking and the tombstone-safe
/// <c>SingleDeleter</c> come from <see cref="SpanByteFunctions{Key, Output, Context}"/>; reads copy into
/// <see cref="ReadOutput"/>.
/// </summary>
internal sealed class StoreFunctions : SpanByteFunctions<SpanByte, ReadOutput, Empty>
{
    public override bool SingleReader(ref SpanByte key, ref SpanByte input, ref SpanByte value, ref ReadOutput dst, ref ReadInfo readInfo)
    {
        Capture(ref value, ref dst);
        return true;
    }

    public override bool ConcurrentReader(ref SpanByte key, ref SpanByte input, ref SpanByte value, ref ReadOutput dst, ref ReadInfo readInfo)
    {
        Capture(ref value, ref dst);
        return true;
    }

    private static void Capture(ref SpanByte value, ref ReadOutput dst)
    {
        var bytes = value.AsReadOnlySpan();
        dst.Length = bytes.Length;
        if (dst.Destination is { } destination)
        {
            bytes.CopyTo(destination.GetSpan(bytes.Length));
            destination.Advance(bytes.Length);
        }
    }
}
