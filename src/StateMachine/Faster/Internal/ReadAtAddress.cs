using System.Reflection;
using FASTER.core;

namespace RaftTower.StateMachine.Faster.Internal;

/// <summary>
/// Builds the <see cref="ReadOptions"/> of a read that starts its search at a given log address — so it finds the
/// version of a key at or below that address, not a newer one. FASTER 2.6.5 declares the options' setters internal
/// (its own ReadAtAddress and chained reads set them), so the setter is bound once, here, as an open delegate.
/// </summary>
internal static class ReadAtAddress
{
    private delegate void SetAddress(ref ReadOptions options, long address);

    private static readonly SetAddress SetStartAddress = Bind();

    /// <summary>Options for a read whose search starts at <paramref name="address"/>.</summary>
    public static ReadOptions Options(long address)
    {
        var options = default(ReadOptions);
        SetStartAddress(ref options, address);
        return options;
    }

    private static SetAddress Bind()
    {
        var setter = typeof(ReadOptions).GetProperty(nameof(ReadOptions.StartAddress))?.GetSetMethod(nonPublic: true)
            ?? throw new MissingMethodException($"FASTER's {nameof(ReadOptions)}.{nameof(ReadOptions.StartAddress)} has no setter; this build expects FASTER 2.6.5.");
        return setter.CreateDelegate<SetAddress>();
    }
}
