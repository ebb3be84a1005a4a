namespace RaftTower.Chaos.Workloads;

/// <summary>What the logical clients do during the run, and the reads that close it.</summary>
internal interface IWorkload
{
    /// <summary>One operation by <paramref name="client"/>; <paramref name="random"/> is the worker's own.</summary>
    Task StepAsync(RecordingClient client, Random random);

    /// <summary>After the faults are healed: reads everything the checkers judge at the end; true when every read succeeded.</summary>
    Task<bool> FinalReadsAsync(RecordingClient client);
}
