using FASTER.core;
using RaftTower.StateMachine.Faster.Internal;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Faster;

/// <summary>Frozen views: the records as they were at one moment, enumerable while the store keeps changing.</summary>
public sealed partial class FasterKeyValueStore
{
    private int _frozenViews;

    /// <summary>
    /// Fixes the store's records as they are now and returns a view of them that another thread may enumerate (once)
    /// while this store goes on being changed — so a snapshot file can be written after a <see cref="Checkpoint"/>
    /// without holding up apply. Until the view is disposed, <see cref="Checkpoint"/> and <see cref="Clear"/> refuse
    /// (they would move or delete the log the view reads).
    /// </summary>
    /// <remarks>
    /// <para>Call between commands, from the thread that applies them. It makes every record now in the log read-only
    /// (a FoldOver checkpoint already has), so later changes append new records above the view's end instead of
    /// updating these in place; the view reads only below its end, each key at the address of its version there.</para>
    /// </remarks>
    public FrozenRecords Freeze()
    {
        var store = Store;
        Session.CompletePending(wait: true);
        var end = store.Log.TailAddress;
        if (store.Log.ReadOnlyAddress < end)
        {
            store.Log.ShiftReadOnlyAddress(end, wait: true);
        }

        Interlocked.Increment(ref _frozenViews);
        return new FrozenRecords(this, store.Log.BeginAddress, end, _count);
    }

    private void ThrowIfFrozen(string operation)
    {
        if (Volatile.Read(ref _frozenViews) > 0)
        {
            throw new InvalidOperationException($"Cannot {operation} the store while a frozen view of it is open (a snapshot is being written from it).");
        }
    }

    /// <summary>
    /// The records of a <see cref="FasterKeyValueStore"/> as they were when <see cref="Freeze"/> was called. Enumerate
    /// it once, on any one thread (it opens its own FASTER session), then dispose it; the store must stay open until
    /// then.
    /// </summary>
    public sealed class FrozenRecords : IOrderedRecords, IDisposable
    {
        private readonly FasterKeyValueStore _owner;
        private readonly long _begin;
        private readonly long _end;
        private int _state; // 0 = fresh, 1 = enumerated, 2 = disposed

        internal FrozenRecords(FasterKeyValueStore owner, long begin, long end, long count)
        {
            (_owner, _begin, _end, Count) = (owner, begin, end, count);
        }

        /// <summary>Called every few thousand records while the view is enumerated (e.g. to pace the work).</summary>
        public Action? Pace { get; set; }

        /// <summary>Number of live records when the view was taken.</summary>
        public long Count { get; }

        /// <inheritdoc />
        /// <exception cref="InvalidOperationException">The view was already enumerated or disposed.</exception>
        public IEnumerable<KeyValuePair<byte[], byte[]>> EnumerateOrdered()
        {
            if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
            {
                throw new InvalidOperationException("A frozen view is enumerated once, before it is disposed.");
            }

            return Enumerate();
        }

        private IEnumerable<KeyValuePair<byte[], byte[]>> Enumerate()
        {
            using var session = _owner.Store.For(_owner._functions).NewSession<StoreFunctions>();
            foreach (var record in _owner.EnumerateLive(_begin, _end, session, Pace))
            {
                yield return record;
            }
        }

        /// <summary>Releases the view: the store may be checkpointed or cleared again.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _state, 2) != 2)
            {
                Interlocked.Decrement(ref _owner._frozenViews);
            }
        }
    }
}
