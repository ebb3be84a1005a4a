namespace RaftTower.Raft.Core;

/// <summary>
/// The payload of a <see cref="EntryType.ConfigChange"/> entry: the change and the whole configuration it results in.
/// Carrying the result (not only the delta) lets a node that starts from an empty log or from a snapshot
/// rebuild its configuration from the entry alone.
/// </summary>
/// <param name="Change">The change requested.</param>
/// <param name="Config">The configuration in effect from this entry on (it takes effect when appended, thesis §4.1).</param>
public sealed record ConfigChangePayload(MembershipChange Change, ConfigState Config);
