namespace RaftTower.StateMachine.Model;

/// <summary>
/// One operation on one key: a write (applied through the log) or a query (answered from state), with up to two
/// arguments whose kinds are fixed per operation by <see cref="OperationInfo"/>.
/// </summary>
/// <param name="Op">The operation.</param>
/// <param name="Key">The user key (empty for <see cref="OpCode.ExpireKeys"/>).</param>
/// <param name="A">The first argument, or null.</param>
/// <param name="B">The second argument, or null.</param>
/// <param name="Expirations">The items of <see cref="OpCode.ExpireKeys"/>; null for every other operation.</param>
public sealed record TowerCommand(OpCode Op, byte[] Key, TowerValue A = default, TowerValue B = default, IReadOnlyList<ExpiryItem>? Expirations = null);
