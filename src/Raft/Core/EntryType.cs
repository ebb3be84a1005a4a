namespace RaftTower.Raft.Core;

/// <summary>What a log entry carries.</summary>
public enum EntryType : byte
{
    /// <summary>An application command (opaque bytes for the state machine).</summary>
    Normal = 0,

    /// <summary>A membership change (one server at a time); the payload is an encoded membership change.</summary>
    ConfigChange = 1,

    /// <summary>The empty entry a new leader appends to commit entries of earlier terms (Raft §5.4.2, §8).</summary>
    Noop = 2,
}
