namespace RaftTower.StateMachine.Internal;

/// <summary>Opens the <see cref="ISortedIndex"/> stored under a prefix (instances are cheap: the state is in the store).</summary>
internal interface ISortedIndexFactory
{
    /// <summary>The index under <paramref name="prefix"/>.</summary>
    ISortedIndex Open(ReadOnlySpan<byte> prefix);
}
