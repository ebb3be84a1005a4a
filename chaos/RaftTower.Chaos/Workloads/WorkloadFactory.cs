namespace RaftTower.Chaos.Workloads;

/// <summary>Creates a workload by its <c>--workload</c> name.</summary>
internal static class WorkloadFactory
{
    /// <summary>The workload named <paramref name="name"/>, or null.</summary>
    public static IWorkload? Create(string name) => name switch
    {
        "register" => new RegisterWorkload(),
        "counter" => new CounterWorkload(),
        "set" => new SetWorkload(),
        "append" => new AppendWorkload(),
        _ => null,
    };
}
