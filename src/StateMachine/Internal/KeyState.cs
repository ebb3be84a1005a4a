namespace RaftTower.StateMachine.Internal;

/// <summary>What a lookup of a user key found.</summary>
internal enum KeyState : byte
{
    /// <summary>No record.</summary>
    Absent,

    /// <summary>A record whose expiry (if any) is after now.</summary>
    Live,

    /// <summary>A record whose expiry has passed: absent to every operation, removed by the next write to it.</summary>
    Expired,
}
