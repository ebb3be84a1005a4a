using RaftTower.StateMachine.Codec;

namespace RaftTower.StateMachine.Apply;

/// <summary>Settings of a <see cref="TowerStateMachine"/>. Every replica must use the same values: they change results.</summary>
public sealed record StateMachineOptions
{
    /// <summary>Key and value size limits (default 64 KiB / 16 MiB).</summary>
    public CodecLimits Limits { get; init; } = CodecLimits.Default;

    /// <summary>A client session with no write for this long in log time is forgotten (default 1 hour).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far ahead of its acknowledged watermark a client may send sequences (default 65,536). Bounds the
    /// results kept per session; a write beyond it fails with InvalidArgument.
    /// </summary>
    public long MaxPipelineWindow { get; init; } = 65_536;

    /// <summary>Bits of a new bloom filter's bitmap; a multiple of 512 (default 1,048,576 = 128 KiB).</summary>
    public int BloomFilterBits { get; init; } = 1 << 20;

    /// <summary>Largest decimal scale accepted (default 1,000 digits after the point).</summary>
    public int MaxDecimalScale { get; init; } = 1_000;
}
