using RaftTower.StateMachine.Faster;
using RaftTower.StateMachine.Storage;
using RaftTower.StateMachine.Tests.Storage;

namespace RaftTower.StateMachine.Tests.Faster;

public sealed class FasterKeyValueStoreContractTests : KeyValueStoreContractTests
{
    private readonly TempDirectory _directory = new();

    protected override IKeyValueStore CreateStore() => new FasterKeyValueStore(new FasterStoreOptions
    {
        DataDirectory = _directory.Path,
        MemoryBudgetBytes = 64L << 20,
        IndexBuckets = 1 << 10,
    });

    protected override void DisposeResources() => _directory.Dispose();
}
