namespace RaftTower.StateMachine.Model;

/// <summary>A key the leader found due for expiry, with the expiry (UTC ticks) it was due at.</summary>
/// <remarks>The state machine deletes the key only if its expiry is still exactly <see cref="ExpiryTicks"/>,
/// so a key whose TTL was changed or removed after the leader looked is left alone.</remarks>
/// <param name="Key">The user key.</param>
/// <param name="ExpiryTicks">The expiry the key had when it was found due.</param>
public readonly record struct ExpiryItem(byte[] Key, long ExpiryTicks);
