namespace RaftTower.StateMachine.Codec;

/// <summary>Size limits enforced when decoding commands (SPEC §4: key ≤ 64 KiB, value ≤ 16 MiB by default).</summary>
public sealed record CodecLimits
{
    /// <summary>The default limits.</summary>
    public static CodecLimits Default { get; } = new();

    /// <summary>Largest key in bytes (default 65,536). At most 65,536: the store reserves a few bytes of prefix.</summary>
    public int MaxKeyBytes { get; init; } = 64 * 1024;

    /// <summary>Largest string, byte string or number encoding in bytes (default 16 MiB).</summary>
    public int MaxValueBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest big integer or decimal coefficient, in bytes of two's complement (default 8 KiB, 65,536 bits, about
    /// 19,700 decimal digits). Big numbers travel as decimal text and .NET formats them in quadratic time (a 1 MiB
    /// integer takes minutes), so they get a limit of their own far below <see cref="MaxValueBytes"/>.
    /// </summary>
    public int MaxBigIntBytes { get; init; } = 8 * 1024;

    /// <summary>The most decimal digits a big integer within <see cref="MaxBigIntBytes"/> can have.</summary>
    public int MaxBigIntDigits => (int)Math.Ceiling(MaxBigIntBytes * 8 * Math.Log10(2));

    /// <summary>Largest number of items in one expiry batch (default 10,000).</summary>
    public int MaxExpiryItems { get; init; } = 10_000;
}
