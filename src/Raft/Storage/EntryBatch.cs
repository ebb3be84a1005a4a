using RaftTower.Raft.Core;

namespace RaftTower.Raft.Storage;

/// <summary>The byte limit rule shared by every reader of entries: stop once over the limit, but never return none.</summary>
internal static class EntryBatch
{
    /// <summary>Adds <paramref name="entry"/> unless the batch is non-empty and would pass <paramref name="maxBytes"/>.</summary>
    public static bool TryAdd(List<Entry> batch, Entry entry, ref long bytes, long maxBytes)
    {
        if (batch.Count > 0 && bytes + entry.Size > maxBytes)
        {
            return false;
        }

        batch.Add(entry);
        bytes += entry.Size;
        return true;
    }
}
