using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Tests.Storage;

public sealed class InMemoryKeyValueStoreTests : KeyValueStoreContractTests
{
    protected override IKeyValueStore CreateStore() => new InMemoryKeyValueStore();
}
