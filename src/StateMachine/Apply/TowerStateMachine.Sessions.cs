using System.Buffers;
using System.Buffers.Binary;
using RaftTower.StateMachine.Codec;
using RaftTower.StateMachine.Internal;
using RaftTower.StateMachine.Model;
using RaftTower.StateMachine.Storage;

namespace RaftTower.StateMachine.Apply;

// Exactly-once client sessions (SPEC §4; Raft dissertation §6.3). A pipelining client has many requests in flight,
// so one "last result" per client is not enough: the session keeps the encoded result of every applied sequence at
// or above the client's watermark ("all results below it were received"). Small results live inside the session
// record itself (up to MaxInlineBytes), so the common case costs one session read and one session write; larger or
// overflowing ones get a record of their own, dropped a few per command once below the watermark (bounded work).
// A retry of a dropped sequence gets StaleSequence instead of a second apply. Sessions idle for SessionTimeout of
// log time are found through a sorted idle index and removed, a few per entry.
public sealed partial class TowerStateMachine
{
    private const int PruneBudget = 16;
    private const int ExpiryBudget = 2;
    private const int SessionSize = 48;
    private const int InlineEntryHeader = 10;
    private const int MaxInlineResult = 256;
    private const int MaxInlineBytes = 2048;
    private readonly byte[] _sessionKey = new byte[17];
    private readonly ArrayBufferWriter<byte> _recorded = new(64);
    private readonly ArrayBufferWriter<byte> _sessionRecord = new(256);
    private long _nextIdleCheck;

    private static ReadOnlySpan<byte> MaxIdleKey => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private void ApplyInSession(in CommandEnvelope envelope, long now, IBufferWriter<byte> result)
    {
        var clientId = envelope.ClientId;
        if (clientId == 0)
        {
            ResultCodec.Encode(result, _executor.Execute(envelope.Command, now));
            return;
        }

        var sequence = envelope.Sequence;
        var existing = ReadSession(clientId);
        var session = existing ?? new ClientSession(now, 0, 0, 0, 0, 0);
        var inlineResults = existing is null ? [] : _read.WrittenSpan[SessionSize..];
        var inlineNew = false;
        if (FindInline(inlineResults, sequence, out var inlineResult))
        {
            result.Write(inlineResult);
        }
        else if (session.Live > 0 && sequence <= session.MaxSequence && TryReadResult(clientId, sequence))
        {
            // No separate result is recorded above MaxSequence: a new request needs no lookup.
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
            var size = _recorded.WrittenCount;
            inlineNew = size <= MaxInlineResult && inlineResults.Length + InlineEntryHeader + size <= MaxInlineBytes;
            if (!inlineNew)
            {
                _store.Put(ResultKey(clientId, sequence), _recorded.WrittenSpan);
                session = session with { Live = session.Live + 1, MaxSequence = Math.Max(session.MaxSequence, sequence) };
            }

            result.Write(_recorded.WrittenSpan);
        }

        // A watermark above the request's own sequence would claim a result not yet sent: clamp it.
        var watermark = Math.Max(session.Watermark, Math.Min(envelope.Watermark, sequence));
        session = Prune(clientId, session with { Watermark = watermark, LastActivity = now });
        session = Reindex(clientId, session);
        WriteSession(clientId, session, inlineResults, inlineNew ? sequence : null, _recorded.WrittenSpan);
    }

    private static bool FindInline(ReadOnlySpan<byte> inlineResults, ulong sequence, out ReadOnlySpan<byte> result)
    {
        while (!inlineResults.IsEmpty)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(inlineResults[8..]);
            if (BinaryPrimitives.ReadUInt64LittleEndian(inlineResults) == sequence)
            {
                result = inlineResults.Slice(InlineEntryHeader, length);
                return true;
            }

            inlineResults = inlineResults[(InlineEntryHeader + length)..];
        }

        result = default;
        return false;
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

        // Keep the in-memory skip of ExpireIdleSessions exact even if log time ever stepped back.
        _nextIdleCheck = Math.Min(_nextIdleCheck, session.LastActivity + _options.SessionTimeout.Ticks);
        return session with { Indexed = session.LastActivity };
    }

    private void ExpireIdleSessions(long now)
    {
        // A cache, not state: before this log time no indexed session can be due, so the index is not even opened.
        // Skipping is exact — Reindex lowers it for every entry it adds — so a replica that restarted (and starts
        // with 0) expires the same sessions at the same log index as one that did not.
        if (now < _nextIdleCheck)
        {
            return;
        }

        var timeout = _options.SessionTimeout.Ticks;
        var entries = new OrderedIndex(_store, KeyLayout.IdleIndexPrefix).Range([], MaxIdleKey).Take(ExpiryBudget).Select(e => e.Key).ToList();
        if (entries.Count == 0)
        {
            _nextIdleCheck = now + timeout;
            return;
        }

        var earliest = BinaryPrimitives.ReadInt64BigEndian(entries[0]);
        if (now - earliest < timeout)
        {
            _nextIdleCheck = earliest + timeout;
            return;
        }

        foreach (var entry in entries)
        {
            if (now - BinaryPrimitives.ReadInt64BigEndian(entry) < timeout)
            {
                break;
            }

            ExpireSession(BinaryPrimitives.ReadUInt64BigEndian(entry.AsSpan(8)), entry, now);
        }

        // Something changed: look again at the next entry (the skip above must stay exact on every replica).
        _nextIdleCheck = now;
    }

    private void ExpireSession(ulong clientId, byte[] indexKey, long now)
    {
        new OrderedIndex(_store, KeyLayout.IdleIndexPrefix).Remove(indexKey);
        if (ReadSession(clientId) is not { } session)
        {
            return;
        }

        if (now - session.LastActivity < _options.SessionTimeout.Ticks)
        {
            WriteSession(clientId, Reindex(clientId, session with { Indexed = 0 }), _read.WrittenSpan[SessionSize..], null, []);
            return;
        }

        // Separate results lie in [Cursor, MaxSequence]: at most the pipeline window past the watermark.
        for (var sequence = session.Cursor; session.Live > 0 && sequence <= session.MaxSequence; sequence++)
        {
            if (_store.Delete(ResultKey(clientId, sequence)))
            {
                session = session with { Live = session.Live - 1 };
            }
        }

        _store.Delete(SessionKey(clientId));
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

    /// <summary>Writes the session: its header, the inline results still at or above the watermark, and the new one.</summary>
    private void WriteSession(ulong clientId, in ClientSession session, ReadOnlySpan<byte> inlineResults, ulong? newSequence, ReadOnlySpan<byte> newResult)
    {
        _sessionRecord.ResetWrittenCount();
        var bytes = _sessionRecord.GetSpan(SessionSize);
        BinaryPrimitives.WriteInt64LittleEndian(bytes, session.LastActivity);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], session.Watermark);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], session.Cursor);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], session.Live);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[32..], session.Indexed);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], session.MaxSequence);
        _sessionRecord.Advance(SessionSize);
        while (!inlineResults.IsEmpty)
        {
            var entryLength = InlineEntryHeader + BinaryPrimitives.ReadUInt16LittleEndian(inlineResults[8..]);
            if (BinaryPrimitives.ReadUInt64LittleEndian(inlineResults) >= session.Watermark)
            {
                _sessionRecord.Write(inlineResults[..entryLength]);
            }

            inlineResults = inlineResults[entryLength..];
        }

        if (newSequence is { } sequence && sequence >= session.Watermark)
        {
            var header = _sessionRecord.GetSpan(InlineEntryHeader);
            BinaryPrimitives.WriteUInt64LittleEndian(header, sequence);
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], (ushort)newResult.Length);
            _sessionRecord.Advance(InlineEntryHeader);
            _sessionRecord.Write(newResult);
        }

        _store.Put(SessionKey(clientId), _sessionRecord.WrittenSpan);
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
