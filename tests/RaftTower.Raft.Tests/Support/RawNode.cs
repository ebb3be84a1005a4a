using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;

namespace RaftTower.Raft.Tests.Support;

/// <summary>
/// One <see cref="RaftNode"/> driven message by message: its log is preset (index 1 holds the configuration,
/// then one entry per given term) and each <see cref="Drain"/> persists a ready batch and returns its messages.
/// </summary>
public sealed class RawNode
{
    public RawNode(ulong id, ulong[] voters, long[]? terms = null, HardState? hardState = null, Action<RaftOptions>? configure = null, ulong[]? learners = null)
    {
        var config = ConfigChangeCodec.Encode(new ConfigChangePayload(new MembershipChange(MembershipChangeKind.Initialize, 0), new ConfigState(voters, learners ?? [])));
        var entries = new List<Entry> { new(1, 1, EntryType.ConfigChange, 0, config) };
        var index = 2L;
        foreach (var term in terms ?? [])
        {
            entries.Add(new Entry(index, term, EntryType.Normal, index * 10, new[] { (byte)index }));
            index++;
        }

        Storage.Append(entries);
        var lastTerm = entries[^1].Term;
        Storage.SetHardState(hardState ?? new HardState(lastTerm, 0, 1));
        Storage.Sync();
        var options = new RaftOptions { Id = id, ElectionTicks = 10, HeartbeatTicks = 1 };
        configure?.Invoke(options);
        Options = options;
        Node = new RaftNode(options, Storage, new SeededRaftRandom(id));
    }

    public MemoryRaftLogStorage Storage { get; } = new();

    public RaftOptions Options { get; }

    public RaftNode Node { get; }

    public List<Entry> CommittedEntries { get; } = [];

    public List<ReadState> ReadStates { get; } = [];

    /// <summary>Persists and advances every pending ready batch; returns all their messages.</summary>
    public List<Message> Drain()
    {
        var messages = new List<Message>();
        while (Node.HasReady)
        {
            var ready = Node.GetReady();
            if (ready.Snapshot is { } snapshot)
            {
                Storage.InstallSnapshot(snapshot);
            }

            Storage.Append(ready.Entries);
            if (ready.HardState is { } hardState)
            {
                Storage.SetHardState(hardState);
            }

            Storage.Sync();
            messages.AddRange(ready.Messages);
            CommittedEntries.AddRange(ready.CommittedEntries);
            ReadStates.AddRange(ready.ReadStates);
            Node.Advance(ready);
        }

        return messages;
    }

    public List<Message> Step(Message message)
    {
        Node.Step(message);
        return Drain();
    }

    /// <summary>Ticks until the node's role differs from <paramref name="role"/> (bounded); returns the messages.</summary>
    public List<Message> TickUntilNot(RaftRole role, int max = 100)
    {
        var messages = new List<Message>();
        for (var i = 0; i < max && Node.Role == role; i++)
        {
            Node.Tick();
            messages.AddRange(Drain());
        }

        return messages;
    }

    /// <summary>Node 1 as leader of <paramref name="voters"/> (which include it), its no-op committed, every message drained.</summary>
    public static RawNode CommittedLeader(ulong[] voters, ulong[]? learners = null)
    {
        var raw = new RawNode(1, voters, learners: learners);
        raw.BecomeLeader(voters);
        foreach (var voter in voters.Where(v => v != 1))
        {
            raw.Step(new Message(MessageType.AppendResponse, voter, 1, raw.Node.Term) { Index = raw.Node.Status.LastIndex });
        }

        raw.Drain();
        return raw;
    }

    /// <summary>Makes this node leader of the next term with votes from <paramref name="voters"/>; returns the append messages sent.</summary>
    public List<Message> BecomeLeader(params ulong[] voters)
    {
        Node.Campaign();
        var pending = Drain();
        var all = new List<Message>(pending);
        while (pending.Count > 0)
        {
            var next = new List<Message>();
            foreach (var request in pending.Where(m => m.Type is MessageType.PreVote or MessageType.Vote && voters.Contains(m.To)))
            {
                var type = request.Type == MessageType.PreVote ? MessageType.PreVoteResponse : MessageType.VoteResponse;
                next.AddRange(Step(new Message(type, request.To, Node.Id, request.Term)));
            }

            all.AddRange(next);
            pending = next;
        }

        return all;
    }
}
