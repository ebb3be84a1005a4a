using System.Buffers.Binary;
using RaftTower.Raft.Core;
using RaftTower.Raft.Storage;
using RaftTower.Raft.Transport;

namespace RaftTower.Raft.Tests.Support;

/// <summary>
/// A host for one <see cref="RaftNode"/> in tests: processes ready batches in the documented order over a
/// <see cref="MemoryRaftLogStorage"/>, applies to a state machine that records every entry, takes snapshots,
/// ships snapshot data in chunks, and can crash (losing what was not synced) and restart.
/// </summary>
public sealed class TestNode
{
    private readonly Func<RaftOptions> _options;
    private readonly ulong _seed;
    private readonly Dictionary<long, byte[]> _snapshotData = [];
    private readonly SnapshotAssembler _assembler = new();
    private int _incarnation;

    public TestNode(ulong id, Func<RaftOptions> options, ulong seed)
    {
        Id = id;
        _options = options;
        _seed = seed;
        Raft = Start();
    }

    public ulong Id { get; }

    public MemoryRaftLogStorage Storage { get; } = new();

    public RaftNode Raft { get; private set; }

    /// <summary>The state machine: every applied entry, from index 1 (snapshot restores replace the prefix).</summary>
    public List<AppliedEntry> Applied { get; } = [];

    public long AppliedIndex => Applied.Count;

    public List<ReadState> ReadStates { get; } = [];

    public List<SoftState> SoftStates { get; } = [];

    public bool IsDown { get; private set; }

    /// <summary>Snapshot chunk size: small, so snapshots travel in several chunks.</summary>
    public int ChunkSize { get; set; } = 64;

    /// <summary>Called for each entry as it is applied.</summary>
    public Action<TestNode, Entry>? OnApply { get; set; }

    private RaftNode Start()
    {
        var options = _options();
        options.Id = Id;
        options.Applied = Storage.Snapshot.Index;
        Applied.Clear();
        if (Storage.Snapshot.Index > 0)
        {
            Applied.AddRange(Decode(_snapshotData[Storage.Snapshot.Index]));
        }

        return new RaftNode(options, Storage, new SeededRaftRandom(_seed + (ulong)(_incarnation++ * 7919)));
    }

    /// <summary>
    /// Processes one ready batch (if any) and returns the messages to put on the network. With
    /// <paramref name="crashBeforeSync"/>, the node writes the batch, then loses power before syncing.
    /// </summary>
    public IReadOnlyList<Message> Process(bool crashBeforeSync = false)
    {
        if (IsDown || !Raft.HasReady)
        {
            return [];
        }

        var ready = Raft.GetReady();
        if (ready.Snapshot is { } snapshot)
        {
            Storage.InstallSnapshot(snapshot);
            Applied.Clear();
            Applied.AddRange(Decode(_snapshotData[snapshot.Index]));
        }

        Storage.Append(ready.Entries);
        if (ready.HardState is { } hardState)
        {
            Storage.SetHardState(hardState);
        }

        if (crashBeforeSync)
        {
            Crash();
            return [];
        }

        if (ready.MustSync)
        {
            Storage.Sync();
        }

        var outgoing = new List<Message>();
        foreach (var message in ready.Messages)
        {
            if (message.Type == MessageType.InstallSnapshot)
            {
                // etcd-style: the host streams the data and reports the outcome to the core.
                outgoing.AddRange(SnapshotChunker.Split(message, _snapshotData[message.Snapshot!.Index], ChunkSize));
                Raft.ReportSnapshot(message.To, SnapshotStatus.Finished);
            }
            else
            {
                outgoing.Add(message);
            }
        }

        foreach (var entry in ready.CommittedEntries)
        {
            if (entry.Index != Applied.Count + 1)
            {
                throw new InvalidOperationException($"Node {Id} applies {entry.Index} after {Applied.Count}.");
            }

            Applied.Add(new AppliedEntry(entry.Index, entry.Term, Hash(entry.Data.Span), entry.Timestamp));
            OnApply?.Invoke(this, entry);
        }

        ReadStates.AddRange(ready.ReadStates);
        if (ready.SoftState is { } softState)
        {
            SoftStates.Add(softState);
        }

        Raft.Advance(ready);
        return outgoing;
    }

    /// <summary>Delivers a message from the network (reassembling snapshot chunks first).</summary>
    public void Receive(Message message)
    {
        if (IsDown)
        {
            return;
        }

        if (message.Type != MessageType.SnapshotChunk)
        {
            Raft.Step(message);
            return;
        }

        if (_assembler.Accept(message, out var completed) == SnapshotChunkOutcome.Complete)
        {
            using var data = (MemoryStream)completed!.SnapshotData!;
            _snapshotData[completed.Message.Snapshot!.Index] = data.ToArray();
            Raft.Step(completed.Message);
        }
    }

    /// <summary>Takes a snapshot at the applied index and compacts the log up to it (made durable at once).</summary>
    public bool TakeSnapshot()
    {
        var index = AppliedIndex;
        if (IsDown || index <= Storage.Snapshot.Index || index > Storage.LastIndex)
        {
            return false;
        }

        var config = Storage.Snapshot.Config;
        foreach (var entry in Storage.Entries(Storage.FirstIndex, index + 1))
        {
            if (entry.Type == EntryType.ConfigChange)
            {
                config = ConfigChangeCodec.Decode(entry.Data.Span).Config;
            }
        }

        var metadata = new SnapshotMetadata(index, Storage.Term(index), config, Applied[^1].Timestamp);
        _snapshotData[index] = Encode(Applied);
        Storage.Compact(metadata);
        Storage.Sync();
        return true;
    }

    public void Crash()
    {
        Storage.Crash();
        IsDown = true;
    }

    public void Restart()
    {
        IsDown = false;
        Raft = Start();
    }

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static byte[] Encode(List<AppliedEntry> entries)
    {
        var data = new byte[entries.Count * 32];
        for (var i = 0; i < entries.Count; i++)
        {
            var span = data.AsSpan(i * 32);
            BinaryPrimitives.WriteInt64LittleEndian(span, entries[i].Index);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], entries[i].Term);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], entries[i].DataHash);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], entries[i].Timestamp);
        }

        return data;
    }

    private static List<AppliedEntry> Decode(byte[] data)
    {
        var entries = new List<AppliedEntry>(data.Length / 32);
        for (var offset = 0; offset < data.Length; offset += 32)
        {
            var span = data.AsSpan(offset);
            entries.Add(new AppliedEntry(
                BinaryPrimitives.ReadInt64LittleEndian(span),
                BinaryPrimitives.ReadInt64LittleEndian(span[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(span[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(span[24..])));
        }

        return entries;
    }
}
