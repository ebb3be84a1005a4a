namespace RaftTower.Bench.Load;

/// <summary>What each client does in a loop.</summary>
internal enum LoadWorkload
{
    /// <summary>Writes a value to a random key.</summary>
    Put,

    /// <summary>A linearizable read of a random key (keys are preloaded).</summary>
    Get,

    /// <summary>50% put, 50% get.</summary>
    Mixed,

    /// <summary>Atomic add of 1 to one of 8 hot keys.</summary>
    HotAdd,
}
