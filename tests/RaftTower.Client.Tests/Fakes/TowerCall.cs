namespace RaftTower.Client.Tests.Fakes;

/// <summary>One Tower call a fake node received: <c>Execute</c> or <c>ExecuteBatch</c>, and how many operations it carried.</summary>
public readonly record struct TowerCall(string Method, int Operations);
