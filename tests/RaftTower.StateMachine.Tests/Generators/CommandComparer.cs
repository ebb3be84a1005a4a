using RaftTower.StateMachine.Model;

namespace RaftTower.StateMachine.Tests.Generators;

/// <summary>Structural equality of commands (records compare byte arrays by reference).</summary>
internal static class CommandComparer
{
    public static bool SameCommand(TowerCommand x, TowerCommand y) =>
        x.Op == y.Op && x.Key.AsSpan().SequenceEqual(y.Key) && x.A == y.A && x.B == y.B
        && (x.Expirations ?? []).Count == (y.Expirations ?? []).Count
        && (x.Expirations ?? []).Zip(y.Expirations ?? []).All(p => p.First.ExpiryTicks == p.Second.ExpiryTicks && p.First.Key.AsSpan().SequenceEqual(p.Second.Key));
}
