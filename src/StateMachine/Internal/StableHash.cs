namespace RaftTower.StateMachine.Internal;

/// <summary>
/// A hash that is the same on every replica, process and run (unlike <see cref="HashCode"/> and
/// <c>string.GetHashCode</c>, which are randomized per process): FNV-1a 64 mixed by a SplitMix64 finalizer.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Two independent 64-bit hashes of <paramref name="data"/>, for double hashing.</summary>
    public static (ulong First, ulong Second) Pair(ReadOnlySpan<byte> data)
    {
        var hash = FnvOffset;
        foreach (var b in data)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        var first = Mix(hash);
        return (first, Mix(first ^ 0x9E37_79B9_7F4A_7C15UL) | 1);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
