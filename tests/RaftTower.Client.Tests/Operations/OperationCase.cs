using RaftTower.Protocol.V1;

namespace RaftTower.Client.Tests.Operations;

/// <summary>
/// One client method: how to call it, the request the node must receive (header aside), the node's result, and
/// what the method must return.
/// </summary>
public sealed record OperationCase(
    string Name,
    Func<TowerClient, Task<object?>> Invoke,
    ExecuteRequest Expected,
    Result? Reply,
    object? Returns,
    bool IsWrite)
{
    public override string ToString() => Name;

    public static async Task<object?> Value<T>(Task<T> call) => await call;

    public static async Task<object?> Nothing(Task call)
    {
        await call;
        return null;
    }
}
