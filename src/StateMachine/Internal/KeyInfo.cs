using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Internal;

/// <summary>The decoded header of a key record (the payload stays in the executor's read buffer).</summary>
internal readonly record struct KeyInfo(KeyState State, TowerType Type, long Expiry, CollectionHeader Collection)
{
    public bool IsLive => State == KeyState.Live;

    public static bool IsCollection(TowerType type) => type >= TowerType.List;
}
