using RaftTower.Chaos.History;

namespace RaftTower.Chaos.Checkers.Linearizability;

/// <summary>
/// Remembers where the deepest partial linearizations got stuck, for the explanation of a failure:
/// the operation whose return was reached before it could be linearized, and the states tried there.
/// </summary>
internal sealed class StuckTracker
{
    private const int MaxStates = 4;
    private readonly List<string?> _states = [];

    public int Best { get; private set; } = -1;

    public Operation? Stuck { get; private set; }

    public IReadOnlyList<string?> States => _states;

    public void Observe(int linearized, Operation? blocking, string? state)
    {
        if (linearized > Best)
        {
            Best = linearized;
            Stuck = blocking;
            _states.Clear();
        }

        if (linearized == Best && ReferenceEquals(blocking, Stuck) && _states.Count < MaxStates && !_states.Contains(state))
        {
            _states.Add(state);
        }
    }
}
