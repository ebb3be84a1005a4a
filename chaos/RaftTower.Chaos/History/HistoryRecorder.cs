using System.Diagnostics;
using System.Text.Json;

namespace RaftTower.Chaos.History;

/// <summary>
/// Records a run's operations as workers invoke and complete them, on one shared clock.
/// </summary>
/// <remarks>
/// Thread-safe: any number of workers may invoke and complete concurrently. The clock is read
/// inside the caller (just before sending, just after the response) and never under the lock's
/// contention, so recording does not widen the intervals it measures by more than a read of the clock.
/// An operation completed twice is a broken contract (<see cref="InvalidOperationException"/>).
/// Operations still open when <see cref="Snapshot"/> is taken are reported indeterminate: a crash
/// or cut-off run never turns an unknown outcome into a failure.
/// </remarks>
internal sealed class HistoryRecorder(Func<long>? clock = null)
{
    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Operation> _open = [];
    private readonly List<Operation> _completed = [];
    private long _nextId;

    /// <summary>Records an invocation, reading the clock as its call time.</summary>
    public OperationHandle Invoke(long client, OpKind kind, string key, string? value = null, string? expected = null, JsonElement? meta = null)
    {
        var operation = new Operation(client, kind.Name(), key, value, expected, null, null, _clock(), null, meta);
        lock (_gate)
        {
            var id = _nextId++;
            _open.Add(id, operation);
            return new OperationHandle(id);
        }
    }

    /// <summary>Records that the operation completed: ok=true took effect, ok=false certainly did not (cas: compare failed).</summary>
    public void Complete(OperationHandle handle, bool ok, string? output = null, JsonElement? meta = null)
    {
        var ret = _clock();
        Close(handle, open => open with { Ok = ok, Output = output, Return = ret, Meta = meta ?? open.Meta });
    }

    /// <summary>Records that the outcome is unknown (timeout, reset connection after sending, crash).</summary>
    public void Indeterminate(OperationHandle handle, JsonElement? meta = null) =>
        Close(handle, open => open with { Meta = meta ?? open.Meta });

    /// <summary>Forgets an open operation that certainly had no effect and has no outcome the format can express (a cas refused before comparing).</summary>
    public void Discard(OperationHandle handle)
    {
        lock (_gate)
        {
            if (!_open.Remove(handle.Id))
            {
                throw new InvalidOperationException($"operation {handle.Id} is not open: it was never invoked or was already completed");
            }
        }
    }

    /// <summary>Every operation so far, ordered by call time; operations still open are indeterminate.</summary>
    public IReadOnlyList<Operation> Snapshot()
    {
        lock (_gate)
        {
            return [.. _completed.Concat(_open.Values).OrderBy(o => o.Call)];
        }
    }

    /// <summary>Writes <see cref="Snapshot"/> to a history file.</summary>
    public void WriteTo(string path) => HistoryWriter.WriteFile(path, Snapshot());

    private void Close(OperationHandle handle, Func<Operation, Operation> complete)
    {
        lock (_gate)
        {
            if (!_open.Remove(handle.Id, out var open))
            {
                throw new InvalidOperationException($"operation {handle.Id} is not open: it was never invoked or was already completed");
            }

            _completed.Add(complete(open));
        }
    }
}
