using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

// Exactly-once client sessions (SPEC §4; Raft dissertation §6.3). A pipelining client has many requests in flight,
// so one "last result" per client is not enough: the session keeps the encoded result of every applied sequence at
// or above the client's watermark ("all results below it were received"). Results below the watermark are dropped
// a few per command (bounded work); a retry of a dropped sequence gets StaleSequence instead of a second apply.
// Sessions idle for SessionTimeout of log time are found through a sorted idle index and removed, a few per entry.
public sealed partial class TowerStateMachine
{
    private const int PruneBudget = 16;
    private const int ExpiryBudget = 2;
    private const int SessionSize = 48;
    private readonly byte[] _sessionKey = new byte[17];
    private readonly ArrayBufferWriter<byte> _recorded = new(64);

    private void ApplyInSession(in CommandEnvelope envelope, long now, IBufferWriter<byte> result)
    {
        var clientId = envelope.ClientId;
        if (clientId == 0)
        {
            ResultCodec.Encode(result, _executor.Execute(envelope.Command, now));
            return;
        }

        var sequence = envelope.Sequence;
        var session = ReadSession(clientId) ?? new ClientSession(now, 0, 0, 0, 0, 0);
        if (TryReadResult(clientId, sequence))
        {
            result.Write(_recorded.WrittenSpan);
        }
        else if (sequence < session.Watermark)
        {
            ResultCodec.Encode(result, TowerResult.Error(ResultStatus.StaleSequence,
                $"sequence {sequence} is below the acknowledged watermark {session.Watermark}; its result was dropped and it was not applied again"));
        }
        else if (sequence - session.Watermark >= (ulong)_options.MaxPipelineWindow)
        {
            ResultCodec.Encode(result, TowerResult.Error(ResultStatus.InvalidArgument,
                $"sequence {sequence} is {_options.MaxPipelineWindow} or more ahead of the acknowledged watermark {session.Watermark}"));
        }
        else
        {
            _recorded.ResetWrittenCount();
            ResultCodec.Encode(_recorded, _executor.Execute(envelope.Command, now));
            _store.Put(ResultKey(clientId, sequence), _recorded.WrittenSpan);
            result.Write(_recorded.WrittenSpan);
            session = session with { Live = session.Live + 1, MaxSequence = Math.Max(session.MaxSequence, sequence) };
        }

        // A watermark above the request's own sequence would claim a result not yet sent: clamp it.
        var watermark = Math.Max(session.Watermark, Math.Min(envelope.Watermark, sequence));
        session = Prune(clientId, session with { Watermark = watermark, LastActivity = now });
        session = Reindex(clientId, session);
        WriteSession(clientId, session);
    }

    /// <summary>Deletes up to <see cref="PruneBudget"/> recorded results below the watermark.</summary>
    private ClientSession Prune(ulong clientId, ClientSession session)
    {
        var cursor = session.Cursor;
        var live = session.Live;
        for (var budget = PruneBudget; budget > 0 && live > 0 && cursor < session.Watermark; budget--, cursor++)
        {
            if (_store.Delete(ResultKey(clientId, cursor)))
            {
                live--;
            }
        }

        if (live == 0)
        {
            cursor = Math.Max(cursor, session.Watermark);
        }

        return session with { Cursor = cursor, Live = live };
    }

    /// <summary>Moves the session in the idle index when its activity has moved by 1/16 of the timeout (amortized O(1)).</summary>
    private ClientSession Reindex(ulong clientId, ClientSession session)
    {
        var granularity = Math.Max(_options.SessionTimeout.Ticks / 16, 1);
        if (session.Indexed != 0 && session.LastActivity - session.Indexed < granularity)
        {
            return session;
        }

        var index = new OrderedIndex(_store, KeyLayout.IdleIndexPrefix);
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(key[8..], clientId);
        if (session.Indexed != 0)
        {
            BinaryPrimitives.WriteInt64BigEndian(key, session.Indexed);
            index.Remove(key);
        }

        BinaryPrimitives.WriteInt64BigEndian(key, session.LastActivity);
        index.Put(key, []);
        return session with { Indexed = session.LastActivity };
    }

    private void ExpireIdleSessions(long now)
    {
        var cutoff = now - _options.SessionTimeout.Ticks;
        if (cutoff <= 0)
        {
            return;
        }

        Span<byte> to = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(to, cutoff);
        var index = new OrderedIndex(_store, KeyLayout.IdleIndexPrefix);
        var due = index.Range([], to).Take(ExpiryBudget).Select(e => e.Key).ToList();
        foreach (var entry in due)
        {
            var clientId = BinaryPrimitives.ReadUInt64BigEndian(entry.AsSpan(8));
            index.Remove(entry);
            if (ReadSession(clientId) is not { } session)
            {
                continue;
            }

            if (now - session.LastActivity < _options.SessionTimeout.Ticks)
            {
                WriteSession(clientId, Reindex(clientId, session with { Indexed = 0 }));
                continue;
            }

            // Recorded results lie in [Cursor, MaxSequence]: at most the pipeline window past the watermark.
            for (var sequence = session.Cursor; session.Live > 0 && sequence <= session.MaxSequence; sequence++)
            {
                if (_store.Delete(ResultKey(clientId, sequence)))
                {
                    session = session with { Live = session.Live - 1 };
                }
            }

            _store.Delete(SessionKey(clientId));
        }
    }

    private ClientSession? ReadSession(ulong clientId)
    {
        _read.ResetWrittenCount();
        if (!_store.TryGet(SessionKey(clientId), _read))
        {
            return null;
        }

        var bytes = _read.WrittenSpan;
        return new ClientSession(
            BinaryPrimitives.ReadInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[40..]));
    }

    private void WriteSession(ulong clientId, in ClientSession session)
    {
        Span<byte> bytes = stackalloc byte[SessionSize];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, session.LastActivity);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], session.Watermark);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], session.Cursor);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], session.Live);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[32..], session.Indexed);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], session.MaxSequence);
        _store.Put(SessionKey(clientId), bytes);
    }

    private bool TryReadResult(ulong clientId, ulong sequence)
    {
        _recorded.ResetWrittenCount();
        return _store.TryGet(ResultKey(clientId, sequence), _recorded);
    }

    private ReadOnlySpan<byte> SessionKey(ulong clientId) => _sessionKey.AsSpan(0, KeyLayout.WriteSessionKey(_sessionKey, clientId));

    private ReadOnlySpan<byte> ResultKey(ulong clientId, ulong sequence) =>
        _sessionKey.AsSpan(0, KeyLayout.WriteResultKey(_sessionKey, clientId, sequence));
}
