namespace RaftTower.StateMachine.Tests.Storage;

/// <summary>Compares key/value records by their bytes.</summary>
internal sealed class RecordComparer : IEqualityComparer<KeyValuePair<byte[], byte[]>>
{
    public static RecordComparer Instance { get; } = new();

    public bool Equals(KeyValuePair<byte[], byte[]> x, KeyValuePair<byte[], byte[]> y) =>
        x.Key.AsSpan().SequenceEqual(y.Key) && x.Value.AsSpan().SequenceEqual(y.Value);

    public int GetHashCode(KeyValuePair<byte[], byte[]> obj) => obj.Key.Length ^ (obj.Value.Length << 16);
}
