namespace RaftTower.StateMachine.Internal;

/// <summary>The stored state of one client session.</summary>
/// <param name="LastActivity">Log time (UTC ticks) of the client's last write.</param>
/// <param name="Watermark">Every result below this sequence was received by the client.</param>
/// <param name="Cursor">Results below this sequence have been dropped.</param>
/// <param name="Live">Number of recorded results still stored.</param>
/// <param name="Indexed">The activity under which the session sits in the idle index (0 = not indexed).</param>
/// <param name="MaxSequence">Highest sequence with a recorded result.</param>
internal readonly record struct ClientSession(long LastActivity, ulong Watermark, ulong Cursor, long Live, long Indexed, ulong MaxSequence);
