namespace RaftTower.Raft.Transport;

/// <summary>
/// Connects <see cref="InMemoryTransport"/>s in one process, with links that can be cut and healed.
/// For tests and the benchmark; thread-safe.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly Dictionary<ulong, InMemoryTransport> _nodes = [];
    private readonly HashSet<(ulong From, ulong To)> _cut = [];
    private readonly Lock _lock = new();

    /// <summary>Creates the transport of node <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">A node with this id is connected already.</exception>
    public InMemoryTransport Connect(ulong id)
    {
        lock (_lock)
        {
            if (_nodes.ContainsKey(id))
            {
                throw new ArgumentException($"Node {id} is already connected.", nameof(id));
            }

            var transport = new InMemoryTransport(id, this);
            _nodes[id] = transport;
            return transport;
        }
    }

    /// <summary>Cuts the directed link <paramref name="from"/> → <paramref name="to"/>.</summary>
    public void Cut(ulong from, ulong to)
    {
        lock (_lock)
        {
            _cut.Add((from, to));
        }
    }

    /// <summary>Restores every link.</summary>
    public void HealAll()
    {
        lock (_lock)
        {
            _cut.Clear();
        }
    }

    internal void Disconnect(ulong id)
    {
        lock (_lock)
        {
            _nodes.Remove(id);
        }
    }

    internal InMemoryTransport? Route(ulong from, ulong to)
    {
        lock (_lock)
        {
            return !_cut.Contains((from, to)) && _nodes.TryGetValue(to, out var target) ? target : null;
        }
    }
}
