using System.Buffers;

namespace RaftTower.StateMachine.Faster.Internal;

/// <summary>
/// What a read hands back: the value's length, and its bytes copied into <see cref="Destination"/> when one is set
/// (a length-only probe leaves it null). A reference to the writer survives FASTER copying the struct for a
/// pending read, so the bytes land in the caller's writer either way.
/// </summary>
internal struct ReadOutput
{
    public IBufferWriter<byte>? Destination;

    public int Length;

    /// <summary>The caller's index of this read within a batch, to match a completed pending read back to it.</summary>
    public int Slot;
}
